<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivityPages</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/page_parts.py" line="+23"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/leads/page.py" line="+46"/>
        <source>Assign lead</source>
        <translation>分配线索</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Assign to</source>
        <translation>分配给</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/calendar_feed/dialog.py" line="+66"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Me</source>
        <translation>我自己</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export .ics…</source>
        <translation>导出 .ics 文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No address yet: get one from the server</source>
        <translation>还没有订阅链接：请从服务器获取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Whose</source>
        <translation>谁的日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export a calendar file</source>
        <translation>导出日历文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visit plans and follow-ups as an .ics file, for a one-off import into Outlook or another calendar. Works offline.</source>
        <translation>把拜访计划和待办导出为 .ics 文件，可一次性导入 Outlook 等日历。离线也能导出。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Subscribe</source>
        <translation>订阅日历</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outlook, DingTalk and phone calendars can subscribe to this address and keep your plans up to date by themselves. Keep it private: anyone who has it sees your plans. Reset it if it got out; the old address stops working.</source>
        <translation>Outlook、钉钉和手机日历可以订阅这个链接，自动更新您的拜访计划。请勿外传：拿到链接的人都能看到您的计划。如已泄露，请重置链接，旧链接随即失效。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Save the calendar</source>
        <translation>保存日历</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Calendars (*.ics)</source>
        <translation>日历文件 (*.ics)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved %1 events to %2</source>
        <translation>已导出 %1 个日程：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+9"/>
        <source>Reset address</source>
        <translation>重置链接</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Get address</source>
        <translation>获取链接</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copied. Paste it into your calendar app.</source>
        <translation>已复制，请粘贴到日历应用中订阅。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Make a new address? Calendars subscribed to the old one stop updating until you subscribe them again.</source>
        <translation>生成新的订阅链接？订阅了旧链接的日历将不再更新，需要用新链接重新订阅。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Asking the server…</source>
        <translation>正在向服务器获取…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New address ready. Copy it into your calendar app.</source>
        <translation>新链接已生成，请复制到日历应用中订阅。</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="+85"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>ChurnPage</name>
    <message>
        <location filename="../../crm_desktop/ui/churn/page.py" line="+91"/>
        <location line="+45"/>
        <source>Record defection…</source>
        <translation>登记流失…</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+45"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+23"/>
        <location line="+22"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+23"/>
        <location line="+22"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Class</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders, last 90 days</source>
        <translation>近 90 天订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same period last year</source>
        <translation>去年同期订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last effective visit</source>
        <translation>最近有效拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reasons</source>
        <translation>预警原因</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New case…</source>
        <translation>新建案例…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won back</source>
        <translation>已挽回</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Defected on</source>
        <translation>流失日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Interviewer</source>
        <translation>访谈人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12 months before</source>
        <translation>流失前 12 个月订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>流失后订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root causes</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Last order</source>
        <translation>最后订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders in its last year</source>
        <translation>最后一年订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All orders</source>
        <translation>累计订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value estimate</source>
        <translation>终身价值估计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defection</source>
        <translation>流失情况</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Warnings</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defectors</source>
        <translation>流失客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Win-back</source>
        <translation>挽回名单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Value estimate: margin %1% of the last year&apos;s orders, kept with %2% probability a year, discounted %3% a year, over %4 years.</source>
        <translation>终身价值估计：按最近一年订货的 %1% 毛利、每年 %2% 的留存概率、每年 %3% 的折现率，计算 %4 年。</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>No customer shows a churn signal.</source>
        <translation>没有出现流失信号的客户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No defector cases recorded.</source>
        <translation>尚未登记流失客户案例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No former customers to win back.</source>
        <translation>没有需要挽回的旧客户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings (%1)</source>
        <translation>流失预警 (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defectors (%1)</source>
        <translation>流失客户 (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Win-back (%1)</source>
        <translation>挽回名单 (%1)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>churn-warnings</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>win-back-list</source>
        <translation>挽回名单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export list</source>
        <translation>导出名单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/complaint_dialog.py" line="+72"/>
        <source>Edit complaint</source>
        <translation>编辑投诉</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Set</source>
        <translation>设定</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Customer *</source>
        <translation>客户 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received on *</source>
        <translation>受理日期 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description *</source>
        <translation>投诉内容 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer demand</source>
        <translation>客户诉求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due date</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution</source>
        <translation>处理方式</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/complaints_page.py" line="+48"/>
        <source>Open and in progress</source>
        <translation>待处理和处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New complaint…</source>
        <translation>新建投诉…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No complaints to show.</source>
        <translation>没有符合条件的投诉。</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card_activity.py" line="+70"/>
        <source>New complaint…</source>
        <translation>新建投诉…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>投诉内容</translation>
    </message>
</context>
<context>
    <name>ConflictInbox</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/conflicts.py" line="+148"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your values → server&apos;s values</source>
        <translation>你的值 → 服务器的值</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Re-apply my values</source>
        <translation>重新应用我的值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write your values again over the server&apos;s version (synced next time).</source>
        <translation>用你的值再次覆盖服务器的版本（下次同步时上传）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Discard (keep the server&apos;s)</source>
        <translation>放弃（保留服务器的值）</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Undelete with my values</source>
        <translation>恢复记录并应用我的值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bring the deleted record back, with your edit on top (synced next time).</source>
        <translation>恢复已删除的记录，并在其上应用你的修改（下次同步时上传）。</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>No conflicts.</source>
        <translation>没有冲突。</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/contact_dialog.py" line="+59"/>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Key contact</source>
        <translation>关键联系人</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buying role</source>
        <translation>采购角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hobbies</source>
        <translation>爱好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/contacts_tab.py" line="+39"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buying role</source>
        <translation>采购角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Delete contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the contact %1?</source>
        <translation>确定删除联系人“%1”吗？</translation>
    </message>
</context>
<context>
    <name>CustomerCardDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card.py" line="+195"/>
        <location line="+135"/>
        <source>Handovers</source>
        <translation>交接记录</translation>
    </message>
    <message>
        <location line="-223"/>
        <location line="+146"/>
        <source>Customer card</source>
        <translation>客户资料卡</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>洽谈结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订货金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expected close</source>
        <translation>预计成交日期</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+135"/>
        <source>Details</source>
        <translation>基本资料</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+135"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+135"/>
        <source>Visits</source>
        <translation>拜访记录</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+135"/>
        <source>Opportunities</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+135"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+135"/>
        <source>Market reports</source>
        <translation>市场信息</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New opportunity…</source>
        <translation>新建商机…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Class %1</source>
        <translation>%1 类</translation>
    </message>
</context>
<context>
    <name>CustomerColumns</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/list_model.py" line="+70"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last effective visit</source>
        <translation>最近有效拜访</translation>
    </message>
</context>
<context>
    <name>CustomerEditDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/edit_dialog.py" line="+63"/>
        <source>To change the owner, use Hand over… on the Customers page</source>
        <translation>更换负责人请在客户页使用“交接客户…”</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
</context>
<context>
    <name>CustomerField</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/form.py" line="+79"/>
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>— choose a customer —</source>
        <translation>— 请选择客户 —</translation>
    </message>
</context>
<context>
    <name>CustomerFields</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/customer_form.py" line="+109"/>
        <source>e.g. 120,000 or 12万</source>
        <translation>例如 120,000 或 12万</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/customers/fields.py" line="+60"/>
        <source>Identity</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax ID</source>
        <translation>税号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Classification</source>
        <translation>分类与归属</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>客户状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loss reason</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loss details</source>
        <translation>流失说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Territory</source>
        <translation>片区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source</source>
        <translation>客户来源</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Key account</source>
        <translation>重点客户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commercial terms</source>
        <translation>商务条款</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Credit limit (yuan)</source>
        <translation>信用额度（元）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Payment terms</source>
        <translation>付款条件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Annual sales (yuan)</source>
        <translation>年销售额（元）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Headcount</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Relationship</source>
        <translation>客户关系</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Relationship stage</source>
        <translation>关系阶段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Competitors present</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incumbent supplier</source>
        <translation>现供应商</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidential</source>
        <translation>敏感资料保密</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Yearly category spend, all suppliers (yuan)</source>
        <translation>品类年采购总额（元）</translation>
    </message>
</context>
<context>
    <name>CustomerFilterBar</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/filters.py" line="+23"/>
        <source>Search name, short name, phone, contact…</source>
        <translation>搜索名称、简称、电话、联系人…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All classes</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key accounts only</source>
        <translation>只看重点客户</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
</context>
<context>
    <name>CustomerOverview</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card_overview.py" line="+23"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Value class</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last effective visit</source>
        <translation>最近有效拜访</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next visit due</source>
        <translation>下次应拜访</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Confidential (owner and superiors only)</source>
        <translation>保密（仅负责人及其上级可见）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due now: no effective visit yet</source>
        <translation>应立即拜访：尚无有效拜访</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/customer_picker.py" line="+29"/>
        <source>Search customers by name, phone, contact…</source>
        <translation>按名称、电话、联系人搜索客户…</translation>
    </message>
</context>
<context>
    <name>CustomerValue</name>
    <message>
        <location filename="../../crm_desktop/ui/churn/value_line.py" line="+22"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Orders, last 12 months %1 (year before %2) · share of customer %3 · lifetime value ≈ %4</source>
        <translation>近 12 个月订货 %1（前一年 %2）· 客户份额 %3 · 终身价值约 %4</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/page.py" line="+136"/>
        <source>Hand over…</source>
        <translation>交接客户…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand the selected customers to new owners, with a note for each</source>
        <translation>把选中的客户交给新负责人，每个客户写一条交接说明</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import Excel</source>
        <translation>导入 Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export the list as shown (search, filters, sort) to an Excel file</source>
        <translation>将当前显示的列表（搜索、筛选、排序）导出为 Excel 文件</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 customers</source>
        <translation>共 %1 个客户</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Delete customer</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the customer %1? Its visit history is kept.</source>
        <translation>确定删除客户“%1”吗？其拜访记录会保留。</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/charts.py" line="+70"/>
        <source>No visits in this period</source>
        <translation>本期没有拜访记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest and lowest %1 of %2 reps</source>
        <translation>%2 名销售员中最高和最低的 %1 名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits</source>
        <translation>拜访次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective visit rate</source>
        <translation>有效拜访率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No sales targets for this period</source>
        <translation>本期没有销售目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no target</source>
        <translation>未设目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No opportunities closed in this period</source>
        <translation>本期没有已结束的商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No opportunities</source>
        <translation>没有商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed in period: won %1 · %2, lost %3 · %4</source>
        <translation>本期结束：赢单 %1 · %2，输单 %3 · %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open opportunities</source>
        <translation>没有进行中的商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weighted pipeline %1</source>
        <translation>加权商机合计 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No customers</source>
        <translation>没有客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class %1</source>
        <translation>%1 类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 customers · %2 of sales</source>
        <translation>%1 个客户 · 占销售额 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No sales in the last 12 months</source>
        <translation>近12个月没有销售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of customers</source>
        <translation>客户占比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cumulative share of sales</source>
        <translation>累计销售额占比</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/defection_charts.py" line="+38"/>
        <source>No active customers in the last 12 months</source>
        <translation>近 12 个月没有活跃客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No defector cases in the last 12 months</source>
        <translation>近 12 个月没有流失案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By class</source>
        <translation>按等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By rep</source>
        <translation>按业务员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other causes</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases</source>
        <translation>案例数</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="+48"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 4 weeks</source>
        <translation>最近4周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Weekly visits per rep</source>
        <translation>每周拜访（按销售员）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective visit rate by week</source>
        <translation>每周有效拜访率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales target achievement</source>
        <translation>销售目标达成率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close rate by rep</source>
        <translation>赢单率（按销售员）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales funnel</source>
        <translation>销售漏斗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weighted pipeline</source>
        <translation>加权商机金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A/B/C customers</source>
        <translation>A/B/C 客户分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pareto curve of sales</source>
        <translation>销售额帕累托曲线</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>Defection rate, last 12 months</source>
        <translation>近 12 个月客户流失率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root causes of defection by month</source>
        <translation>每月流失原因</translation>
    </message>
</context>
<context>
    <name>DecomposeDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/targets/decompose_dialog.py" line="+56"/>
        <source>Decompose target</source>
        <translation>目标分解</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The team&apos;s reps</source>
        <translation>团队销售员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split evenly</source>
        <translation>平均分配</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Break down into</source>
        <translation>分解为</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Quarters</source>
        <translation>季度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Months</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This team has no reps to break the target down to.</source>
        <translation>该团队还没有销售员，无法分解。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Some parts are not valid values (marked red).</source>
        <translation>部分数值无效（已标红）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Total %1 / target %2 — adds up</source>
        <translation>合计 %1 / 目标 %2 — 已平衡</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total %1 / target %2 — off by %3</source>
        <translation>合计 %1 / 目标 %2 — 相差 %3</translation>
    </message>
</context>
<context>
    <name>DefectionDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/churn/defection_dialog.py" line="+86"/>
        <source>Edit defector case</source>
        <translation>编辑流失案例</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record a defector case</source>
        <translation>登记流失客户</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Who heard the customer out</source>
        <translation>听取客户意见的人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interviewed</source>
        <translation>已访谈</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Won back</source>
        <translation>已挽回</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer *</source>
        <translation>客户 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>流失类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defected on *</source>
        <translation>流失日期 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root causes *</source>
        <translation>流失原因 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interviewer</source>
        <translation>访谈人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interview date</source>
        <translation>访谈日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interview notes</source>
        <translation>访谈记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Improvement measures</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won back on</source>
        <translation>挽回日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend before</source>
        <translation>历期消费</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>3 years ago %1 · 2 years ago %2 · last 12 months %3</source>
        <translation>前第三年 %1 · 前第二年 %2 · 流失前 12 个月 %3</translation>
    </message>
</context>
<context>
    <name>DuplicateWarningDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/duplicates.py" line="+44"/>
        <source>Possible duplicate customer</source>
        <translation>疑似重复客户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Conflict: a matching customer already belongs to another sales rep. Saving anyway creates a second card; your supervisor will see both.</source>
        <translation>撞单：匹配的客户已属于其他销售员。仍然保存会再建一张客户卡，主管会看到两张卡。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>These existing customers look like the one you are saving:</source>
        <translation>以下现有客户与您要保存的客户相似：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Matches on</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflict</source>
        <translation>撞单</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <location line="-51"/>
        <source>same name</source>
        <translation>名称相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same tax ID</source>
        <translation>税号相同</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>⚠ Conflict</source>
        <translation>⚠ 撞单</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/receivables/entry_dialog.py" line="+29"/>
        <source>New entry</source>
        <translation>新增款项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. 12,000 or 1.2万; an adjustment may be negative</source>
        <translation>如 12,000 或 1.2万；调整可为负数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set a due date</source>
        <translation>指定到期日</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Invoice or receipt number</source>
        <translation>发票号或收据号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer *</source>
        <translation>客户 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind *</source>
        <translation>类型 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount (yuan) *</source>
        <translation>金额（元）*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date *</source>
        <translation>日期 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>单据号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../crm_desktop/ui/application.py" line="+73"/>
        <source>CRM Desktop</source>
        <translation>CRM Desktop 客户管理</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>An unexpected error occurred. Your saved data is safe; details are in the log file.</source>
        <translation>发生了意外错误。已保存的数据是安全的；详细信息已写入日志文件。</translation>
    </message>
</context>
<context>
    <name>FinanceImportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/receivables/import_dialog.py" line="+43"/>
        <source>Import finance balances</source>
        <translation>导入财务余额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An .xlsx of the open items from the finance system: customer name (or tax id), document date, open amount, and optionally the document number and due date. They replace the ledger of each customer in the file up to the cut-off date. A file with any bad row imports nothing.</source>
        <translation>财务系统导出的未结明细 .xlsx：客户名称（或税号）、单据日期、未收金额，可选单据号和到期日。文件中每个客户截至日期及以前的账目将由这些余额取代。文件中只要有一行有误，就不会导入任何数据。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the .xlsx file</source>
        <translation>选择 .xlsx 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File *</source>
        <translation>文件 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cut-off date *</source>
        <translation>截至日期 *</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Finance balances</source>
        <translation>财务余额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the .xlsx file to import.</source>
        <translation>请选择要导入的 .xlsx 文件。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Imported %1 open items of %2 customers, %3 in all, as of %4.</source>
        <translation>已导入 %2 个客户的 %1 笔未结款项，合计 %3，截至 %4。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was imported. Fix these rows and import the file again:</source>
        <translation>没有导入任何数据。请更正以下各行后重新导入：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="+58"/>
        <location line="+2"/>
        <source>Welcome to CRM Desktop</source>
        <translation>欢迎使用 CRM Desktop</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect to your company&apos;s sync server to get your customers, or look around first with a demo team and its customers.</source>
        <translation>连接公司的同步服务器以获取你的客户，或先用演示团队和演示客户看看。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connect to a server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try with demo data</source>
        <translation>使用演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating the demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The demo data could not be created; details are in the log file.</source>
        <translation>无法生成演示数据，详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/follow_up_dialog.py" line="+42"/>
        <source>Edit follow-up</source>
        <translation>编辑待办</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New follow-up</source>
        <translation>新建待办</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>To do *</source>
        <translation>待办事项 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due on *</source>
        <translation>到期日 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/follow_ups_page.py" line="+42"/>
        <source>Show done</source>
        <translation>显示已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New follow-up…</source>
        <translation>新建待办…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To do</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nothing to follow up — well done.</source>
        <translation>没有待办事项，干得好！</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/handover_dialog.py" line="+205"/>
        <source>%1 customers</source>
        <translation>共 %1 个客户</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>Hand over customers</source>
        <translation>交接客户</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set all</source>
        <translation>全部设为</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A note for every customer without one</source>
        <translation>为尚无说明的客户统一填写的交接说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill empty notes</source>
        <translation>填入空白说明</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open opportunities</source>
        <translation>进行中商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-ups</source>
        <translation>待办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New owner</source>
        <translation>新负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover note</source>
        <translation>交接说明</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open opportunities, follow-ups and complaints move with each customer; visits, reports and closed deals stay with their author. The customer leaves the old owner&apos;s later plans not yet submitted.</source>
        <translation>进行中的商机、待办和投诉随客户一起转给新负责人；拜访记录、日报和已结束的商机留在原作者名下。客户会从原负责人以后尚未提交的计划中移出。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Handover report to Excel…</source>
        <translation>交接清单导出到 Excel…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hand over</source>
        <translation>交接</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Customers of:</source>
        <translation>客户所属：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New owner for all:</source>
        <translation>统一新负责人：</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>What the new owner needs to know</source>
        <translation>新负责人需要了解的情况</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 customers handed over. The server confirms it at the next sync; a refusal would appear in the Sync page&apos;s inbox.</source>
        <translation>已交接 %1 个客户。下次同步时由服务器确认；如被拒绝，会出现在“同步”页的收件箱中。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Handover report</source>
        <translation>交接清单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>handovers.xlsx</source>
        <translation>交接清单.xlsx</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Handover report saved: %1 handovers in %2</source>
        <translation>交接清单已保存：%1 条交接，文件 %2</translation>
    </message>
</context>
<context>
    <name>HandoversTab</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card_handovers.py" line="+21"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>原负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>新负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>交接人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What moved</source>
        <translation>转移内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover note</source>
        <translation>交接说明</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(waiting to sync)</source>
        <translation>（待同步）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 opportunities (%2), %3 follow-ups, %4 complaints</source>
        <translation>商机 %1 个（%2），待办 %3 条，投诉 %4 件</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/import_dialog.py" line="+45"/>
        <source>Import customers from Excel</source>
        <translation>从 Excel 导入客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose an .xlsx file…</source>
        <translation>请选择 .xlsx 文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also import rows that match existing customers</source>
        <translation>与现有客户重复的行也导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>开始导入</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+8"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Existing customer</source>
        <translation>现有客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matches on</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict</source>
        <translation>撞单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+84"/>
        <source>Duplicates (not imported)</source>
        <translation>疑似重复（未导入）</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Rows with errors</source>
        <translation>有错误的行（未导入）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Choose an existing .xlsx file first.</source>
        <translation>请先选择一个存在的 .xlsx 文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Excel import is not available in this version.</source>
        <translation>此版本不支持 Excel 导入。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Importing row %1 of %2…</source>
        <translation>正在导入第 %1 行，共 %2 行…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Customers imported: %1. Possible duplicates: %2. Rows with errors: %3.</source>
        <translation>已导入 %1 个客户；疑似重复 %2 行；有错误 %3 行。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Columns not recognised (ignored): %1</source>
        <translation>未识别的列（已忽略）：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Duplicates (imported anyway)</source>
        <translation>疑似重复（已照常导入）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 (row %2 of this file)</source>
        <translation>%1（本文件第 %2 行）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The import failed; nothing was imported.</source>
        <translation>导入失败，没有导入任何客户。</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Import cancelled; nothing was imported.</source>
        <translation>导入已取消，没有导入任何客户。</translation>
    </message>
</context>
<context>
    <name>ItemView</name>
    <message>
        <location filename="../../crm_desktop/ui/review/item_view.py" line="+95"/>
        <location line="+94"/>
        <source>Daily report</source>
        <translation>销售日报</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Attendance</source>
        <translation>出勤情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expenses</source>
        <translation>费用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reflections</source>
        <translation>今日拜访心得</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+25"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+26"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Outcome</source>
        <translation>洽谈结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection</source>
        <translation>回款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+65"/>
        <source>Visit plan</source>
        <translation>拜访计划</translation>
    </message>
    <message>
        <location line="-59"/>
        <location line="+154"/>
        <source>Visited</source>
        <translation>已拜访</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>Objective</source>
        <translation>拜访目标</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Day totals and targets</source>
        <translation>当日合计与目标</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>History</source>
        <translation>审阅记录</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>submitted %1</source>
        <translation>提交于 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>late</source>
        <translation>迟交</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No plan for this day.</source>
        <translation>当天没有拜访计划。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 customers planned · %2</source>
        <translation>计划拜访 %1 位客户 · %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Planned %1, visited %2 (%3) · unplanned visits %4 · plan %5</source>
        <translation>计划 %1 家，已拜访 %2 家（%3）· 计划外拜访 %4 次 · 计划%5</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Not visited</source>
        <translation>未拜访</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Visits %1 · effective %2 (%3) · orders %4, %5 · collections %6</source>
        <translation>拜访 %1 次 · 有效 %2 次（%3）· 订单 %4 笔，%5 · 回款 %6</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 — day %2 / %3 (%4); month to date %5 / %6 (%7)</source>
        <translation>%1 — 当日 %2 / %3（%4）；本月累计 %5 / %6（%7）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No targets set for this month.</source>
        <translation>本月未设定目标。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 (%2 times)</source>
        <translation>%1（%2 次）</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>not visited: %1</source>
        <translation>未拜访：%1</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Visit plan: %1</source>
        <translation>拜访计划：%1</translation>
    </message>
</context>
<context>
    <name>LeadDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/leads/lead_dialog.py" line="+40"/>
        <source>Edit lead</source>
        <translation>编辑线索</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New lead</source>
        <translation>新建线索</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. 2026 Canton Fair, booth 12</source>
        <translation>例如：2026 广交会 12 号展位</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Follow up by</source>
        <translation>跟进截止</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Put it into the team&apos;s pool</source>
        <translation>放入公海</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>展会 / 活动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>LeadsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/leads/page.py" line="+29"/>
        <source>New lead…</source>
        <translation>新建线索…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back overdue leads</source>
        <translation>收回超期线索</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+48"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+48"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+43"/>
        <source>Source / event</source>
        <translation>来源 / 展会</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+51"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+49"/>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow up by</source>
        <translation>跟进截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next call</source>
        <translation>下次电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to pool on</source>
        <translation>退回公海日期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Log call</source>
        <translation>记录电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log effective visit</source>
        <translation>记录有效拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Convert to customer</source>
        <translation>转为客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return to pool</source>
        <translation>退回公海</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+39"/>
        <source>Assign…</source>
        <translation>分配…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Claim</source>
        <translation>领取</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>My leads</source>
        <translation>我的线索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team pool</source>
        <translation>公海</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>A lead with no effective visit for %1 days goes back to the pool.</source>
        <translation>线索连续 %1 天无有效拜访将自动退回公海。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No leads in your hands.</source>
        <translation>您手上暂无线索。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The team&apos;s pool is empty.</source>
        <translation>公海中暂无线索。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Team pool (%1)</source>
        <translation>公海（%1）</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>Import Excel…</source>
        <translation>导入 Excel…</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>Import leads</source>
        <translation>导入线索</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <location filename="../../crm_desktop/ui/receivables/card_tab.py" line="+32"/>
        <source>New entry…</source>
        <translation>新增款项…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>单据号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Receivables</source>
        <translation>应收账款</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Balance %1 (overdue %2) · credit limit %3
%4</source>
        <translation>余额 %1（逾期 %2）· 信用额度 %3
%4</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Replaced by the finance balance</source>
        <translation>已被财务余额取代</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/calendar.py" line="+120"/>
        <source>● Plan</source>
        <translation>● 计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>▬ Report</source>
        <translation>▬ 日报</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>ListExportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/export/list_export_dialog.py" line="+45"/>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export visits to Excel</source>
        <translation>导出拜访记录到 Excel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export opportunities to Excel</source>
        <translation>导出商机到 Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export customers to Excel</source>
        <translation>导出客户到 Excel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exports the customer list as shown: the current search, filters and sort.</source>
        <translation>按当前显示导出客户列表：包括当前的搜索、筛选和排序。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exports the list with its current filters, one row per record.</source>
        <translation>按当前筛选条件导出列表，每条记录一行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Choose where to save the file first.</source>
        <translation>请先选择文件的保存位置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That is a folder; enter a file name.</source>
        <translation>这是一个文件夹，请输入文件名。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Replace file</source>
        <translation>替换文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already exists. Replace it?</source>
        <translation>“%1”已存在，要替换它吗？</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Exporting row %1 of %2…</source>
        <translation>正在导出第 %1 行，共 %2 行…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Exported %1 rows to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The export failed; no file was written.</source>
        <translation>导出失败，没有生成文件。</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，没有生成文件。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/login_dialog.py" line="+31"/>
        <source>Sign in to the sync server</source>
        <translation>登录同步服务器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your changes are kept on this computer and exchanged with the server whenever you are online. After one sign-in the app also opens offline.</source>
        <translation>你的修改保存在本机，联网时与服务器交换。登录一次之后，离线也能以该账号打开。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Signing in and downloading your data…</source>
        <translation>正在登录并下载你的数据…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Enter the server address, e.g. https://crm.example.com</source>
        <translation>请输入服务器地址，例如 https://crm.example.com</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A sync is running; try again when it has finished.</source>
        <translation>正在同步，请在同步结束后再试。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sign-in failed unexpectedly; details are in the log file.</source>
        <translation>登录时发生意外错误，详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="+62"/>
        <source>CRM Desktop</source>
        <translation>CRM Desktop 客户管理</translation>
    </message>
</context>
<context>
    <name>MarketReportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/market_report_dialog.py" line="+45"/>
        <source>Edit market report</source>
        <translation>编辑市场信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New market report</source>
        <translation>新建市场信息</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The customer&apos;s region when left empty</source>
        <translation>留空则取客户所在区域</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Date *</source>
        <translation>日期 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>信息类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description *</source>
        <translation>情况描述 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested action</source>
        <translation>建议措施</translation>
    </message>
</context>
<context>
    <name>MarketReportsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/market_reports_page.py" line="+49"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not yet acknowledged</source>
        <translation>只看主管未阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New market report…</source>
        <translation>新建市场信息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge</source>
        <translation>已阅确认</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reporter</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged</source>
        <translation>主管已阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>情况描述</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No market reports in this period.</source>
        <translation>该期间没有市场信息。</translation>
    </message>
</context>
<context>
    <name>MarketReportsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card_activity.py" line="+33"/>
        <source>New market report…</source>
        <translation>新建市场信息…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged</source>
        <translation>主管已阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>情况描述</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../crm_desktop/ui/messages.py" line="+34"/>
        <source>Choose an Excel file</source>
        <translation>选择 Excel 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../crm_desktop/ui/export/list_export_dialog.py" line="-123"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>OpportunityDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/opportunity_dialog.py" line="+60"/>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New opportunity</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. 120000 or 12万</source>
        <translation>如 120000 或 12万</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set</source>
        <translation>设定</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Separate names with 、</source>
        <translation>多个名称用“、”分隔</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Customer *</source>
        <translation>客户 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opportunity *</source>
        <translation>商机名称 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount (¥)</source>
        <translation>金额（¥）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competitors</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage change</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move to stage…</source>
        <translation>变更阶段…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+113"/>
        <source>Demote to potential</source>
        <translation>退回潜在商机</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>in this stage since %1</source>
        <translation>%1 进入本阶段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 visit(s) in this stage</source>
        <translation>本阶段拜访 %1 次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Won on %1: %2</source>
        <translation>%1 赢单：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lost: %1 — the order went to %2</source>
        <translation>输单：%1 —— 赢单方 %2</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Take this lost opportunity back to the first stage?</source>
        <translation>把这个已输单的商机退回到第一个阶段吗？</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/page.py" line="-208"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/pages/base.py" line="+67"/>
        <source>Coming in a later release.</source>
        <translation>此功能将在后续版本中提供。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="-54"/>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/page.py" line="+62"/>
        <source>Pipeline</source>
        <translation>商机</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/plans/page.py" line="+132"/>
        <source>Plans &amp; reports</source>
        <translation>计划与日报</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/review/page.py" line="+43"/>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+48"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync/page.py" line="+99"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/today/page.py" line="+55"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/activity/complaints_page.py" line="-95"/>
        <source>Complaints</source>
        <translation>客户投诉</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/activity/follow_ups_page.py" line="-70"/>
        <source>Follow-ups</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/activity/market_reports_page.py" line="-96"/>
        <source>Market reports</source>
        <translation>市场信息</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/team/page.py" line="+25"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/targets/page.py" line="+100"/>
        <source>Targets</source>
        <translation>销售目标</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/leads/page.py" line="-228"/>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/churn/page.py" line="-254"/>
        <source>Churn</source>
        <translation>客户流失</translation>
    </message>
</context>
<context>
    <name>PipelineBoard</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/board.py" line="+266"/>
        <source>Show the cards</source>
        <translation>展开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collapse</source>
        <translation>收起</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 deals</source>
        <translation>%1 个</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 deals · %2</source>
        <translation>%1 个 · %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weighted %1</source>
        <translation>加权 %1</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to stage…</source>
        <translation>变更阶段…</translation>
    </message>
</context>
<context>
    <name>PipelineList</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/list_model.py" line="+187"/>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Success</source>
        <translation>成功率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Weighted</source>
        <translation>加权金额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In stage since</source>
        <translation>进入阶段日期</translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/page.py" line="+29"/>
        <source>Search opportunity or customer…</source>
        <translation>搜索商机或客户…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open only</source>
        <translation>只看进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to stage…</source>
        <translation>变更阶段…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sales methods…</source>
        <translation>销售方法…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New opportunity…</source>
        <translation>新建商机…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double pursuit</source>
        <translation>撞单</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 open · amount %2 · weighted pipeline %3</source>
        <translation>进行中 %1 个 · 金额 %2 · 加权金额 %3</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/plan_editor.py" line="+81"/>
        <source>Restored unsaved changes.</source>
        <translation>已恢复未保存的修改。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Objective</source>
        <translation>拜访目标</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit for countersign</source>
        <translation>提交核签</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Add to plan</source>
        <translation>加入计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a customer</source>
        <translation>添加客户</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add suggestion</source>
        <translation>加入所选建议</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Suggested</source>
        <translation>建议拜访</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Plan status: %1</source>
        <translation>计划状态：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New plan, not saved yet.</source>
        <translation>新计划，尚未保存。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No plan for this day yet: add customers to start one.</source>
        <translation>当天还没有计划：添加客户即可开始。</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Supervisor&apos;s comment: %1</source>
        <translation>主管批示：%1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>follow-up due: %1</source>
        <translation>待办到期：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>opportunity next step: %1</source>
        <translation>商机下一步：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>class %1, never visited</source>
        <translation>%1类，从未拜访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>class %1, last effective visit %2</source>
        <translation>%1类，上次有效拜访 %2</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Submit plan</source>
        <translation>提交计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit this plan to your supervisor for countersign?</source>
        <translation>将此计划提交给主管核签？</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/page.py" line="-45"/>
        <source>Visit plan</source>
        <translation>拜访计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily report</source>
        <translation>销售日报</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Plan: </source>
        <translation>计划：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report: </source>
        <translation>日报：</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>◀ Calendar</source>
        <translation>◀ 日历</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Calendar ▶</source>
        <translation>日历 ▶</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide the month calendar</source>
        <translation>收起月历</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the month calendar</source>
        <translation>展开月历</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Export / subscribe…</source>
        <translation>导出/订阅日历…</translation>
    </message>
</context>
<context>
    <name>PursuitTab</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/pursuit_tab.py" line="+34"/>
        <source>Customers that more than one rep is working on (visits of the last %1 days, open opportunities, customers with the same name).</source>
        <translation>有多名销售员在跟进的客户（近 %1 天的拜访、未结商机、同名客户）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reps</source>
        <translation>销售员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opportunities</source>
        <translation>商机数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No customer is pursued by more than one rep.</source>
        <translation>没有多名销售员同时跟进的客户。</translation>
    </message>
</context>
<context>
    <name>ReceivablesPage</name>
    <message>
        <location filename="../../crm_desktop/ui/receivables/page.py" line="+71"/>
        <source>Receivables</source>
        <translation>应收账款</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-ups for overdue</source>
        <translation>生成催收待办</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make a collection follow-up for each overdue debt of your customers</source>
        <translation>为您客户的每笔逾期欠款生成一条催收待办</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import finance balances…</source>
        <translation>导入财务余额…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New entry…</source>
        <translation>新增款项…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+196"/>
        <source>Delete entry</source>
        <translation>删除款项</translation>
    </message>
    <message>
        <location line="-192"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>单据号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>As of %1 · %2 customers · balance %3 · overdue %4</source>
        <translation>截至 %1 · %2 个客户 · 应收余额 %3 · 逾期 %4</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No customer owes money.</source>
        <translation>没有客户欠款。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(over)</source>
        <translation>（超额）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Ledger</source>
        <translation>客户账目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a customer to see its ledger.</source>
        <translation>选择一个客户查看其账目。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>30 days (default)</source>
        <translation>30天（默认）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledger: %1</source>
        <translation>客户账目：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance %1 · credit limit %2 · payment terms %3</source>
        <translation>余额 %1 · 信用额度 %2 · 付款条件 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Replaced by the finance balance</source>
        <translation>已被财务余额取代</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Delete this %1 of %2?</source>
        <translation>删除这笔 %2 的%1？</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 new collection follow-ups; see Follow-ups.</source>
        <translation>已生成 %1 条催收待办，请到“待办”查看。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No new follow-ups: every overdue debt of your own customers already has one.</source>
        <translation>没有新的待办：您自己客户的每笔逾期欠款都已有催收待办。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export receivables</source>
        <translation>导出应收账款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>RepDaysDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/team/rep_days_dialog.py" line="+44"/>
        <source>%1&apos;s days</source>
        <translation>%1 的每日情况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2 – %3</source>
        <translation>%1 · %2 – %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>日报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits</source>
        <translation>拜访数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order amount</source>
        <translation>订货金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collections</source>
        <translation>回款</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>late</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>ReportBanner</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/report_banner.py" line="+51"/>
        <source>Report status: %1</source>
        <translation>日报状态：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New report, filled in from the day&apos;s plan; not saved yet.</source>
        <translation>新日报，已按当天计划预填，尚未保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · late</source>
        <translation> · 逾期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed by %1: read-only.</source>
        <translation>已由%1签核，只读。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed: read-only.</source>
        <translation>已签核，只读。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Returned by your supervisor: %1</source>
        <translation>主管退回意见：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Supervisor&apos;s comment: %1</source>
        <translation>主管批示：%1</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/report_editor.py" line="+99"/>
        <source>Restored unsaved changes.</source>
        <translation>已恢复未保存的修改。</translation>
    </message>
    <message>
        <source>yuan, e.g. 86.50</source>
        <translation type="vanished">单位：元，如 86.50</translation>
    </message>
    <message>
        <source>Taxi, meals, samples…</source>
        <translation type="vanished">交通、餐费、样品…</translation>
    </message>
    <message>
        <source>What went well today, what to do better</source>
        <translation type="vanished">今日拜访心得：做得好的、需要改进的</translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="vanished">当日情况</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation type="vanished">出勤情况</translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation type="vanished">费用</translation>
    </message>
    <message>
        <source>Expense note</source>
        <translation type="vanished">费用说明</translation>
    </message>
    <message>
        <source>Reflections</source>
        <translation type="vanished">今日拜访心得</translation>
    </message>
    <message>
        <source>Day totals</source>
        <translation type="vanished">当日合计</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="vanished">拜访记录</translation>
    </message>
    <message>
        <source>Effective visits</source>
        <translation type="vanished">有效拜访</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="vanished">订货</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation type="vanished">回款</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Add unplanned visit…</source>
        <translation>添加计划外拜访…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+174"/>
        <source>Remove visit</source>
        <translation>删除拜访记录</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>No visits yet. Add an unplanned visit, or plan the day.</source>
        <translation>还没有拜访记录。可添加计划外拜访，或先制定当天计划。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save report</source>
        <translation>保存日报</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+226"/>
        <source>Submit report</source>
        <translation>提交日报</translation>
    </message>
    <message>
        <source> (unplanned)</source>
        <translation type="vanished">（计划外）</translation>
    </message>
    <message>
        <source>Report status: %1</source>
        <translation type="vanished">日报状态：%1</translation>
    </message>
    <message>
        <source>New report, filled in from the day&apos;s plan; not saved yet.</source>
        <translation type="vanished">新日报，已按当天计划预填，尚未保存。</translation>
    </message>
    <message>
        <source> · late</source>
        <translation type="vanished"> · 逾期</translation>
    </message>
    <message>
        <source>Signed by %1: read-only.</source>
        <translation type="vanished">已由%1签核，只读。</translation>
    </message>
    <message>
        <source>Signed: read-only.</source>
        <translation type="vanished">已签核，只读。</translation>
    </message>
    <message>
        <source>Supervisor&apos;s comment: %1</source>
        <translation type="vanished">主管批示：%1</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Remove the visit to %1 from this report?</source>
        <translation>从日报中删除对%1的拜访记录？</translation>
    </message>
    <message>
        <source>%1 — today %2 / %3 (%4); month %5 / %6 (%7)</source>
        <translation type="vanished">%1 — 今日 %2 / %3（%4）；本月累计 %5 / %6（%7）</translation>
    </message>
    <message>
        <source>No targets set for this month.</source>
        <translation type="vanished">本月未设定目标。</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Submit this report to your supervisor for sign-off?</source>
        <translation>将此日报提交给主管签核？</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%1 planned visit(s) not filled in; submit anyway? They will count as not visited.</source>
        <translation>%1 条计划拜访未填写，仍然提交？未填写的计划拜访将记为未拜访。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Check the amounts</source>
        <translation>请核对金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These amounts are above %1. Are they right?</source>
        <translation>以下金额超过 %1，确认无误？</translation>
    </message>
</context>
<context>
    <name>ReportHeader</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/report_header.py" line="+27"/>
        <source>Day</source>
        <translation>当日情况</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>yuan, e.g. 86.50</source>
        <translation>单位：元，如 86.50</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Taxi, meals, samples…</source>
        <translation>交通、餐费、样品…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What went well today, what to do better</source>
        <translation>今日拜访心得：做得好的、需要改进的</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attendance</source>
        <translation>出勤情况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expenses</source>
        <translation>费用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expense note</source>
        <translation>费用说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reflections</source>
        <translation>今日拜访心得</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/review/panel.py" line="+95"/>
        <source>To review</source>
        <translation>待审阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed, last 14 days</source>
        <translation>已签核（近 14 天）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rep</source>
        <translation>销售员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late</source>
        <translation>迟交</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>↑/↓ next item · Ctrl+Enter sign · Ctrl+R return</source>
        <translation>↑/↓ 切换条目 · Ctrl+Enter 签核 · Ctrl+R 退回</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Comment: required to return or reopen, optional to sign</source>
        <translation>批示意见：退回或重开时必填，签核时可选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Countersign (Ctrl+Enter)</source>
        <translation>核签 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign off (Ctrl+Enter)</source>
        <translation>签核 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return (Ctrl+R)</source>
        <translation>退回 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen…</source>
        <translation>重开…</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>%1 items</source>
        <translation>共 %1 项</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>日报</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>late</source>
        <translation>迟交</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>No report signed in the last 14 days.</source>
        <translation>近 14 天没有已签核的报告。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing waiting for review.</source>
        <translation>没有待审阅的计划或报告。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Reopen report</source>
        <translation>重开报告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen %1&apos;s signed report of %2? The rep can then change it and must submit it again.</source>
        <translation>重开%1 %2 已签核的销售报告？重开后销售员可以修改，并须重新提交。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Countersigned %1&apos;s plan of %2</source>
        <translation>已核签 %1 %2拜访计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned %1&apos;s plan of %2</source>
        <translation>已退回 %1 %2拜访计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed %1&apos;s report of %2</source>
        <translation>已签核 %1 %2日报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned %1&apos;s report of %2</source>
        <translation>已退回 %1 %2日报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopened %1&apos;s report of %2</source>
        <translation>已重开 %1 %2日报</translation>
    </message>
</context>
<context>
    <name>SalesMethodsDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/sales_methods_dialog.py" line="+64"/>
        <source>Sales methods</source>
        <translation>销售方法</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New method</source>
        <translation>新建方法</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Success %</source>
        <translation>成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min. visits</source>
        <translation>最少拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs amount</source>
        <translation>需要金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Control</source>
        <translation>控制方式</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add stage</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove stage</source>
        <translation>删除阶段</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Method code</source>
        <translation>方法代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method name</source>
        <translation>方法名称</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+8"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>This is demo data. Sign in as another member of the demo team to see the app as a sales rep or a supervisor does.</source>
        <translation>这是演示数据。可切换为演示团队中的其他成员，以销售员或主管的身份查看本应用。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in as</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A new language takes effect the next time you start the app.</source>
        <translation>更改语言后，需重新启动程序才会生效。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/data_folder.py" line="+44"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+3"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/data_folder.py" line="+8"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+9"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync server</source>
        <translation>同步服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/policy.py" line="+62"/>
        <source>Team policy: report deadline, customer classes, visits</source>
        <translation>团队规则：日报截止、客户分级、拜访周期</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Daily report due at</source>
        <translation>日报截止时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask to confirm any single amount above</source>
        <translation>单笔金额超过此数需确认</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Class A: top share of sales</source>
        <translation>A 类：销售额累计前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class B: next share of sales</source>
        <translation>B 类：其后</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Class %1 customers every</source>
        <translation>%1 类客户每隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute classes now</source>
        <translation>立即重新分类</translation>
    </message>
    <message>
        <location line="+21"/>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A daily report amount above this is more likely a typo: the report editor asks before it is saved.</source>
        <translation>日报中单笔金额超过此数多半是多输了数字：保存前会请填写人确认。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recomputed every night; last on %1.</source>
        <translation>每晚自动重新计算；上次于 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recomputed every night.</source>
        <translation>每晚自动重新计算。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recomputing…</source>
        <translation>正在重新计算…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Done. Customers whose class changed: %1</source>
        <translation>完成。分类有变化的客户：%1 个</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/backup.py" line="+49"/>
        <source>Back up now…</source>
        <translation>立即备份…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open backups folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last automatic backup</source>
        <translation>上次自动备份</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>None yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data is copied to the backups folder once a day; the last %1 copies are kept.</source>
        <translation>每天自动将数据复制到备份文件夹，保留最近 %1 份。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Back up the data</source>
        <translation>备份数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CRM backups (*.sqlite3)</source>
        <translation>CRM 备份 (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CRM backups (*.sqlite3);;All files (*)</source>
        <translation>CRM 备份 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Restore the backup of %1?</source>
        <translation>要恢复 %1 的备份吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customers: %1</source>
        <translation>客户：%1 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsent changes in the backup: %1</source>
        <translation>备份中未同步的修改：%1 项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The current data will be replaced by the backup.</source>
        <translation>当前数据将被备份替换。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The current data has %1 changes not yet sent to the server, and they cannot be kept with another user&apos;s backup: they will be lost. To keep them, cancel and sync first.</source>
        <translation>当前数据有 %1 项修改尚未发送到服务器，且无法保留到其他用户的备份中，恢复后将会丢失。如需保留，请取消并先同步。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+52"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>The current data has %1 changes not yet sent to the server. Keep them?

Yes: add them to the restored data and send them at the next sync.
No: discard them.</source>
        <translation>当前数据有 %1 项修改尚未发送到服务器。是否保留？

是：加入恢复后的数据，并在下次同步时发送。
否：放弃这些修改。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The backup was restored.</source>
        <translation>备份已恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unsent changes kept: %1. They are sent at the next sync.</source>
        <translation>已保留未同步的修改 %1 项，将在下次同步时发送。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/policy.py" line="+31"/>
        <source>Set by your manager; the same on every laptop of your team.</source>
        <translation>由经理设定；团队内每台电脑都相同。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The company default: applies to every team without its own.</source>
        <translation>公司默认：适用于没有自定规则的团队。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your team&apos;s policy: synced to the laptops of everyone in it.</source>
        <translation>本团队规则：同步到团队每位成员的电脑。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+62"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/data_folder.py" line="-6"/>
        <source>Move…</source>
        <translation>移动…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Move copies the data to another folder; the app then closes and uses the new folder from its next start.</source>
        <translation>“移动”会把数据复制到另一个文件夹；之后程序关闭，下次启动时使用新文件夹。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This folder was given with --data-dir or CRM_DESKTOP_DATA_DIR; change it there.</source>
        <translation>这个文件夹由 --data-dir 或 CRM_DESKTOP_DATA_DIR 指定，请在那里修改。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Move the data to</source>
        <translation>把数据移动到</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Data folder moved</source>
        <translation>数据文件夹已移动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The data was copied to %1.

CRM Desktop closes now; start it again to work in the new folder. The copy in the old folder %2 is left as it was (the settings may live there: keep the folder).</source>
        <translation>数据已复制到 %1。

CRM Desktop 现在关闭；请重新启动，以使用新文件夹。原来文件夹 %2 里的数据保持不变（设置可能也保存在那里，请不要删除这个文件夹）。</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/stage_dialog.py" line="+75"/>
        <source>Move to stage</source>
        <translation>变更阶段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · now at %2</source>
        <translation>%1 · 当前阶段：%2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Proceed anyway</source>
        <translation>仍然继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to</source>
        <translation>目标阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Success rate</source>
        <translation>成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won on *</source>
        <translation>赢单日期 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why we won *</source>
        <translation>赢单原因 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why we lost *</source>
        <translation>输单原因 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competitor who won *</source>
        <translation>赢单的竞争对手 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>There is no other stage to move to.</source>
        <translation>没有可变更的其他阶段。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../crm_desktop/ui/status_bar.py" line="+46"/>
        <source>Open the Sync page</source>
        <translation>打开同步页面</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Pending: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
</context>
<context>
    <name>SubmissionsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/team/submissions_tab.py" line="+49"/>
        <source>◀ Previous day</source>
        <translation>◀ 前一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next day ▶</source>
        <translation>后一天 ▶</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+35"/>
        <source>Rep</source>
        <translation>销售员</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+35"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>日报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>需关注</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Plans and reports of the day</source>
        <translation>当日计划与日报</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Workdays</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+51"/>
        <source>Late</source>
        <translation>迟交</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Missing</source>
        <translation>未交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-time rate</source>
        <translation>按时提交率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On-time daily reports</source>
        <translation>日报按时提交情况</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No plan</source>
        <translation>无计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No report</source>
        <translation>未交日报</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 of %2 reps need attention</source>
        <translation>%2 名销售员中有 %1 名需要关注</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody reports to you yet.</source>
        <translation>目前没有向您汇报的销售员。</translation>
    </message>
</context>
<context>
    <name>SyncEntity</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/conflicts.py" line="-149"/>
        <source>Handover</source>
        <translation>交接记录</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit plan</source>
        <translation>拜访计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan item</source>
        <translation>计划条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily report</source>
        <translation>日报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit record</source>
        <translation>拜访记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Market report</source>
        <translation>市场信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage change</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lead</source>
        <translation>线索</translation>
    </message>
</context>
<context>
    <name>SyncField</name>
    <message>
        <location line="+35"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax ID</source>
        <translation>税号</translation>
    </message>
</context>
<context>
    <name>SyncKind</name>
    <message>
        <location line="-21"/>
        <source>Refused: you may not make this change</source>
        <translation>被拒绝：您无权做此更改</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Overwritten by the server</source>
        <translation>已被服务器覆盖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protected field kept the server&apos;s value</source>
        <translation>受保护字段保留了服务器的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected: the daily report is signed</source>
        <translation>被拒绝：日报已签核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amendment request for a signed daily report</source>
        <translation>已签核日报的修改请求</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rejected (%1)</source>
        <translation>被拒绝（%1）</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Deleted before your edit arrived</source>
        <translation>你的修改到达前已被删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted over your edit</source>
        <translation>删除覆盖了你的修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rejected: another rep claimed the lead first</source>
        <translation>已拒绝：该线索已被其他销售员抢先领取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected: another rep already owns this customer (double pursuit)</source>
        <translation>已拒绝：该客户已由其他销售员负责（撞单）</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/page.py" line="+13"/>
        <source>Conflict inbox</source>
        <translation>冲突收件箱</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edits the server overrode or refused. Re-apply writes your values again; discard keeps the server&apos;s version.</source>
        <translation>被服务器覆盖或拒绝的修改。“重新应用”会再次写入你的值；“放弃”保留服务器的版本。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Server and account</source>
        <translation>服务器与账号</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+54"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pending changes</source>
        <translation>待同步修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Switch account…</source>
        <translation>切换账号…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sync finished: sent %1, received %2, conflicts %3.</source>
        <translation>同步完成：发送 %1 条，接收 %2 条，冲突 %3 条。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sync failed unexpectedly; details are in the log file.</source>
        <translation>同步时发生意外错误，详情见日志文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync cancelled; the next sync resumes.</source>
        <translation>同步已取消，下次同步将继续。</translation>
    </message>
</context>
<context>
    <name>SyncState</name>
    <message>
        <location line="-226"/>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not synced yet</source>
        <translation>本次尚未同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Sending changes %1 / %2</source>
        <translation>正在上传修改 %1 / %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receiving changes: %1</source>
        <translation>正在下载更新：%1</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Never synced: %1 changes are only on this laptop.</source>
        <translation>从未同步：%1 项修改只在这台电脑上。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to send yet.</source>
        <translation>还没有需要发送的修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 changes waiting to be sent.</source>
        <translation>还有 %1 项修改等待发送。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All changes sent at %1.</source>
        <translation>所有修改已于 %1 发送到服务器。</translation>
    </message>
</context>
<context>
    <name>SyncTime</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/controller.py" line="+273"/>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/targets/target_dialog.py" line="+54"/>
        <source>Change target</source>
        <translation>修改目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New target</source>
        <translation>新建目标</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Kind</source>
        <translation>目标类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period kind</source>
        <translation>期间类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Amount in yuan, e.g. 120000 or 12万</source>
        <translation>金额（元），如 120000 或 12万</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A whole number</source>
        <translation>整数</translation>
    </message>
</context>
<context>
    <name>Targets</name>
    <message>
        <location filename="../../crm_desktop/ui/targets/cells.py" line="+21"/>
        <source>%1 (team)</source>
        <translation>%1（团队）</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Gross profit is not recorded anywhere, so it has no actual figure.</source>
        <translation>系统中没有毛利数据，因此没有实际值和达成率。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This period has not started yet.</source>
        <translation>该期间尚未开始。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The target is 0, so there is no achievement rate.</source>
        <translation>目标为 0，无法计算达成率。</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/targets/page.py" line="+11"/>
        <source> (year)</source>
        <translation>年</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New target…</source>
        <translation>新建目标…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decompose…</source>
        <translation>分解…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assignee</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual to date</source>
        <translation>至今实际</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achievement</source>
        <translation>达成率</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No targets for %1 match these filters.</source>
        <translation>%1年没有符合筛选条件的目标。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No targets for %1 yet.</source>
        <translation>%1年还没有目标。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use “New target…” to set one, then “Decompose…” to split it into quarters, months or the team&apos;s reps.</source>
        <translation>点击“新建目标…”设定目标，再用“分解…”分解到季度、月份或团队销售员。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Delete the target %1?</source>
        <translation>删除目标 %1？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete target</source>
        <translation>删除目标</translation>
    </message>
</context>
<context>
    <name>TeamCells</name>
    <message>
        <location filename="../../crm_desktop/ui/team/cells.py" line="+50"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <location filename="../../crm_desktop/ui/team/page.py" line="+20"/>
        <source>Hand over a rep&apos;s customers…</source>
        <translation>交接某人的全部客户…</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Submissions</source>
        <translation>提交情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekly summary to Excel…</source>
        <translation>导出周报到 Excel…</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../crm_desktop/ui/today/page.py" line="+18"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Today&apos;s plan and report</source>
        <translation>今日计划与日报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+19"/>
        <location line="+9"/>
        <location line="+9"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+159"/>
        <source>Every planned visit is logged.</source>
        <translation>计划的拜访都已登记。</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+158"/>
        <source>Open today&apos;s plan and report</source>
        <translation>打开今日计划与日报</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Visits still to log</source>
        <translation>待登记的拜访</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Appointments to confirm (for tomorrow)</source>
        <translation>待确认的预约（明天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Appointment</source>
        <translation>预约事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No appointments to confirm today.</source>
        <translation>今天没有需要确认的预约。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow-ups due</source>
        <translation>到期待办</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To do</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No follow-ups due — well done.</source>
        <translation>没有到期的待办——干得好！</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customers overdue for a visit</source>
        <translation>超期未拜访的客户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last effective visit</source>
        <translation>上次有效拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadence</source>
        <translation>拜访周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer is overdue for a visit.</source>
        <translation>没有超期未拜访的客户。</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>%1 waiting for your review →</source>
        <translation>待审阅 %1 项 →</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No visit plan for today yet.</source>
        <translation>今天还没有拜访计划。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan: %1 · %2 customers</source>
        <translation>计划：%1 · %2 位客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today&apos;s report is not started yet.</source>
        <translation>今天的日报还没有开始。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report: %1 · %2 visits logged, %3 planned</source>
        <translation>日报：%1 · 已登记 %2 次拜访，计划 %3 次</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Plan today&apos;s visits</source>
        <translation>制定今日拜访计划</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Due %1</source>
        <translation>到期日 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 day late</source>
        <translation>逾期 1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days late</source>
        <translation>逾期 %1 天</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Never visited</source>
        <translation>从未拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 customers are overdue; the %2 most overdue are listed.</source>
        <translation>共 %1 位客户超期未拜访，下面列出超期最久的 %2 位。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 customers are overdue.</source>
        <translation>共 %1 位客户超期未拜访。</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>The report is handed in: nothing more to log today.</source>
        <translation>日报已提交，今天不再需要登记拜访。</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/report_totals.py" line="+66"/>
        <source>Day totals</source>
        <translation>当日合计</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Day target</source>
        <translation>今日目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Month to date</source>
        <translation>本月累计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month target</source>
        <translation>本月目标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visits</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective visits</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>订货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collections</source>
        <translation>回款</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No targets set for this month.</source>
        <translation>本月未设定目标。</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/visit_form.py" line="+184"/>
        <source>Effective visit</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint handled</source>
        <translation>已处理客诉</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>yuan, e.g. 1,200.50</source>
        <translation>单位：元，如 1,200.50</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who you met, e.g. Manager Wang, Engineer Li</source>
        <translation>见到的人，如 王经理、李工</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Contacts met</source>
        <translation>洽谈对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start – end</source>
        <translation>起止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>洽谈结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order amount</source>
        <translation>订货金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection</source>
        <translation>回款金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Competitor info</source>
        <translation>竞品信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer feedback</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer news</source>
        <translation>客户动态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step type / date</source>
        <translation>下一步类型 / 日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Market report…</source>
        <translation>市场状况反映…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint…</source>
        <translation>客户投诉…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Planned visit</source>
        <translation>计划内拜访</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unplanned visit</source>
        <translation>计划外拜访</translation>
    </message>
</context>
<context>
    <name>VisitTable</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/visit_table.py" line="+34"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>⚠ to fix</source>
        <translation>⚠ 待修正</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unplanned</source>
        <translation>计划外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>planned</source>
        <translation>计划内</translation>
    </message>
</context>
<context>
    <name>WeekTab</name>
    <message>
        <location filename="../../crm_desktop/ui/team/week_tab.py" line="+50"/>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rep</source>
        <translation>销售员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits</source>
        <translation>拜访数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective rate</source>
        <translation>有效拜访率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order amount</source>
        <translation>订货金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collections</source>
        <translation>回款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customers</source>
        <translation>新客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales target %</source>
        <translation>销售达成率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection target %</source>
        <translation>回款达成率</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Double-click a rep to see their days.</source>
        <translation>双击销售员可查看其每日情况。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Team total</source>
        <translation>团队合计</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Week %2 of %1 (%3 – %4)</source>
        <translation>%1年第%2周（%3 – %4）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nobody reports to you yet.</source>
        <translation>目前没有向您汇报的销售员。</translation>
    </message>
</context>
<context>
    <name>WeeklySummaryDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/export/weekly_dialog.py" line="+58"/>
        <source>Weekly summary to Excel</source>
        <translation>导出周报到 Excel</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>My team (%1 reps)</source>
        <translation>我的团队（%1 名销售员）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One rep</source>
        <translation>单个销售员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Me</source>
        <translation>本人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose where to save the .xlsx file…</source>
        <translation>选择 .xlsx 文件的保存位置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rep</source>
        <translation>销售员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Save the weekly summary</source>
        <translation>保存周报</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose where to save the file first.</source>
        <translation>请先选择文件的保存位置。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The export failed; no file was written.</source>
        <translation>导出失败，没有生成文件。</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，没有生成文件。</translation>
    </message>
</context>
</TS>
