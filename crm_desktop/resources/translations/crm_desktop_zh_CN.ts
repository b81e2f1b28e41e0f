<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictInbox</name>
    <message>
        <location filename="../../ui/sync/conflicts.py" line="+125"/>
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
        <location line="+23"/>
        <source>No conflicts: everything you wrote reached the server.</source>
        <translation>没有冲突：你的所有修改都已到达服务器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-apply my values</source>
        <translation>重新应用我的值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write your values again over the server&apos;s version (synced next time).</source>
        <translation>用你的值再次覆盖服务器的版本（下次同步时上传）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard (keep the server&apos;s)</source>
        <translation>放弃（保留服务器的值）</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/customers/contact_dialog.py" line="+49"/>
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
        <location filename="../../ui/customers/contacts_tab.py" line="+31"/>
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
        <location line="+56"/>
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
        <location filename="../../ui/customers/card.py" line="+61"/>
        <location line="+68"/>
        <source>Customer card</source>
        <translation>客户资料卡</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+4"/>
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
        <translation>描述</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+96"/>
        <source>Details</source>
        <translation>基本资料</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+96"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+96"/>
        <source>Visits</source>
        <translation>拜访记录</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+96"/>
        <source>Opportunities</source>
        <translation>商机</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+96"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Class %1</source>
        <translation>%1 类</translation>
    </message>
</context>
<context>
    <name>CustomerColumns</name>
    <message>
        <location filename="../../ui/customers/list_model.py" line="+65"/>
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
        <location filename="../../ui/customers/edit_dialog.py" line="+46"/>
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
    <name>CustomerFields</name>
    <message>
        <location filename="../../ui/customers/customer_form.py" line="+105"/>
        <source>e.g. 120,000 or 12万</source>
        <translation>例如 120,000 或 12万</translation>
    </message>
    <message>
        <location filename="../../ui/customers/fields.py" line="+60"/>
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
        <location line="+3"/>
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
</context>
<context>
    <name>CustomerFilterBar</name>
    <message>
        <location filename="../../ui/customers/filters.py" line="+23"/>
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
        <location filename="../../ui/customers/card_overview.py" line="+22"/>
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
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../ui/customers/page.py" line="+116"/>
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
        <location line="+30"/>
        <source>%1 customers</source>
        <translation>共 %1 个客户</translation>
    </message>
    <message>
        <location line="+78"/>
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
    <name>DuplicateWarningDialog</name>
    <message>
        <location filename="../../ui/customers/duplicates.py" line="+44"/>
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
    <name>Errors</name>
    <message>
        <location filename="../../ui/application.py" line="+50"/>
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
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="+58"/>
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
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/customers/import_dialog.py" line="+49"/>
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
        <location line="+3"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+105"/>
        <source>Duplicates (not imported)</source>
        <translation>疑似重复（未导入）</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Rows with errors</source>
        <translation>有错误的行（未导入）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Choose an existing .xlsx file first.</source>
        <translation>请先选择一个存在的 .xlsx 文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Excel import is not available in this version.</source>
        <translation>此版本不支持 Excel 导入。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Importing row %1 of %2…</source>
        <translation>正在导入第 %1 行，共 %2 行…</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="+16"/>
        <source>The import failed; nothing was imported.</source>
        <translation>导入失败，没有导入任何客户。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import cancelled; nothing was imported.</source>
        <translation>导入已取消，没有导入任何客户。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="+31"/>
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
        <location filename="../../ui/main_window.py" line="+49"/>
        <source>CRM Desktop</source>
        <translation>CRM Desktop 客户管理</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="+34"/>
        <source>Choose an Excel file</source>
        <translation>选择 Excel 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ui/customers/page.py" line="-177"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="+63"/>
        <source>Coming in a later release.</source>
        <translation>此功能将在后续版本中提供。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="+15"/>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../ui/pages/pipeline.py" line="+15"/>
        <source>Pipeline</source>
        <translation>商机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plans.py" line="+15"/>
        <source>Plans &amp; reports</source>
        <translation>计划与日报</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="+15"/>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="+41"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="+67"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="+15"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings.py" line="+7"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>A new language takes effect the next time you start the app.</source>
        <translation>更改语言后，需重新启动程序才会生效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+21"/>
        <source>Visit cadence</source>
        <translation>拜访周期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class %1 customers every</source>
        <translation>%1 类客户每隔</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="+46"/>
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
    <name>SyncEntity</name>
    <message>
        <location filename="../../ui/sync/conflicts.py" line="-142"/>
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
</context>
<context>
    <name>SyncField</name>
    <message>
        <location line="+14"/>
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
        <location line="-22"/>
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
        <location line="+4"/>
        <source>Rejected (%1)</source>
        <translation>被拒绝（%1）</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/pages/sync.py" line="+13"/>
        <source>Conflict inbox</source>
        <translation>冲突收件箱</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edits the server overrode or refused. Re-apply writes your values again; discard keeps the server&apos;s version.</source>
        <translation>被服务器覆盖或拒绝的修改。“重新应用”会再次写入你的值；“放弃”保留服务器的版本。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Server and account</source>
        <translation>服务器与账号</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+50"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location line="-48"/>
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
        <location line="+6"/>
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
        <location line="+14"/>
        <source>Switch account…</source>
        <translation>切换账号…</translation>
    </message>
    <message>
        <location line="+17"/>
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
        <location line="-180"/>
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
        <location line="+8"/>
        <source>Sending changes %1 / %2</source>
        <translation>正在上传修改 %1 / %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receiving changes: %1</source>
        <translation>正在下载更新：%1</translation>
    </message>
</context>
<context>
    <name>SyncTime</name>
    <message>
        <location filename="../../ui/sync/controller.py" line="+262"/>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location line="+6"/>
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
</TS>
