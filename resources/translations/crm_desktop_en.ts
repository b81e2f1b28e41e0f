<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ActivityPages</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/page_parts.py" line="+23" />
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last 90 days</source>
        <translation>Last 90 days</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/leads/page.py" line="+46" />
        <source>Assign lead</source>
        <translation>Assign lead</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Assign to</source>
        <translation>Assign to</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/calendar_feed/dialog.py" line="+66" />
        <source>Calendar</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Me</source>
        <translation>Me</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Export .ics…</source>
        <translation>Export .ics…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location line="+11" />
        <source>No address yet: get one from the server</source>
        <translation>No address yet: get one from the server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Whose</source>
        <translation>Whose</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Export a calendar file</source>
        <translation>Export a calendar file</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Visit plans and follow-ups as an .ics file, for a one-off import into Outlook or another calendar. Works offline.</source>
        <translation>Visit plans and follow-ups as an .ics file, for a one-off import into Outlook or another calendar. Works offline.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Subscribe</source>
        <translation>Subscribe</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Outlook, DingTalk and phone calendars can subscribe to this address and keep your plans up to date by themselves. Keep it private: anyone who has it sees your plans. Reset it if it got out; the old address stops working.</source>
        <translation>Outlook, DingTalk and phone calendars can subscribe to this address and keep your plans up to date by themselves. Keep it private: anyone who has it sees your plans. Reset it if it got out; the old address stops working.</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Save the calendar</source>
        <translation>Save the calendar</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Calendars (*.ics)</source>
        <translation>Calendars (*.ics)</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Saved %1 events to %2</source>
        <translation>Saved %1 events to %2</translation>
    </message>
    <message>
        <location line="+22" />
        <location line="+9" />
        <source>Reset address</source>
        <translation>Reset address</translation>
    </message>
    <message>
        <location line="-9" />
        <source>Get address</source>
        <translation>Get address</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Copied. Paste it into your calendar app.</source>
        <translation>Copied. Paste it into your calendar app.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Make a new address? Calendars subscribed to the old one stop updating until you subscribe them again.</source>
        <translation>Make a new address? Calendars subscribed to the old one stop updating until you subscribe them again.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <location line="+10" />
        <source>New address ready. Copy it into your calendar app.</source>
        <translation>New address ready. Copy it into your calendar app.</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="+85" />
        <source>Export PNG…</source>
        <translation>Export PNG…</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Export chart</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
</context>
<context>
    <name>ChurnPage</name>
    <message>
        <location filename="../../crm_desktop/ui/churn/page.py" line="+91" />
        <location line="+45" />
        <source>Record defection…</source>
        <translation>Record defection…</translation>
    </message>
    <message>
        <location line="-44" />
        <location line="+45" />
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="-41" />
        <location line="+23" />
        <location line="+22" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="-44" />
        <location line="+23" />
        <location line="+22" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="-44" />
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Orders, last 90 days</source>
        <translation>Orders, last 90 days</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Same period last year</source>
        <translation>Same period last year</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last effective visit</source>
        <translation>Last effective visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reasons</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location line="+9" />
        <source>New case…</source>
        <translation>New case…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Won back</source>
        <translation>Won back</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Defected on</source>
        <translation>Defected on</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+21" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-20" />
        <source>Interviewer</source>
        <translation>Interviewer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>12 months before</source>
        <translation>12 months before</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Root causes</source>
        <translation>Root causes</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Last order</source>
        <translation>Last order</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Orders in its last year</source>
        <translation>Orders in its last year</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All orders</source>
        <translation>All orders</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Value estimate</source>
        <translation>Value estimate</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Defection</source>
        <translation>Defection</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Defectors</source>
        <translation>Defectors</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Win-back</source>
        <translation>Win-back</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Value estimate: margin %1% of the last year's orders, kept with %2% probability a year, discounted %3% a year, over %4 years.</source>
        <translation>Value estimate: margin %1% of the last year's orders, kept with %2% probability a year, discounted %3% a year, over %4 years.</translation>
    </message>
    <message>
        <location line="+105" />
        <source>No customer shows a churn signal.</source>
        <translation>No customer shows a churn signal.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No defector cases recorded.</source>
        <translation>No defector cases recorded.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No former customers to win back.</source>
        <translation>No former customers to win back.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Warnings (%1)</source>
        <translation>Warnings (%1)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Defectors (%1)</source>
        <translation>Defectors (%1)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Win-back (%1)</source>
        <translation>Win-back (%1)</translation>
    </message>
    <message>
        <location line="+58" />
        <source>churn-warnings</source>
        <translation>churn-warnings</translation>
    </message>
    <message>
        <location line="+1" />
        <source>win-back-list</source>
        <translation>win-back-list</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Export list</source>
        <translation>Export list</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/complaint_dialog.py" line="+72" />
        <source>Edit complaint</source>
        <translation>Edit complaint</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New complaint</source>
        <translation>New complaint</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Set</source>
        <translation>Set</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Customer *</source>
        <translation>Customer *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received on *</source>
        <translation>Received on *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Description *</source>
        <translation>Description *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customer demand</source>
        <translation>Customer demand</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Responsible department</source>
        <translation>Responsible department</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/complaints_page.py" line="+48" />
        <source>Open and in progress</source>
        <translation>Open and in progress</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New complaint…</source>
        <translation>New complaint…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+46" />
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location line="+20" />
        <source>No complaints to show.</source>
        <translation>No complaints to show.</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card_activity.py" line="+70" />
        <source>New complaint…</source>
        <translation>New complaint…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>ConflictInbox</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/conflicts.py" line="+148" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Your values → server's values</source>
        <translation>Your values → server's values</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Re-apply my values</source>
        <translation>Re-apply my values</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Write your values again over the server's version (synced next time).</source>
        <translation>Write your values again over the server's version (synced next time).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Discard (keep the server's)</source>
        <translation>Discard (keep the server's)</translation>
    </message>
    <message>
        <location line="-4" />
        <source>Undelete with my values</source>
        <translation>Undelete with my values</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Bring the deleted record back, with your edit on top (synced next time).</source>
        <translation>Bring the deleted record back, with your edit on top (synced next time).</translation>
    </message>
    <message>
        <location line="-12" />
        <source>No conflicts.</source>
        <translation>No conflicts.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/contact_dialog.py" line="+59" />
        <source>Edit contact</source>
        <translation>Edit contact</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New contact</source>
        <translation>New contact</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Known</source>
        <translation>Known</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Key contact</source>
        <translation>Key contact</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Name *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Buying role</source>
        <translation>Buying role</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Birthday</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Hobbies</source>
        <translation>Hobbies</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/contacts_tab.py" line="+39" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Buying role</source>
        <translation>Buying role</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Birthday</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Add contact</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+58" />
        <source>Delete contact</source>
        <translation>Delete contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the contact %1?</source>
        <translation>Delete the contact %1?</translation>
    </message>
</context>
<context>
    <name>CustomerCardDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card.py" line="+195" />
        <location line="+135" />
        <source>Handovers</source>
        <translation>Handovers</translation>
    </message>
    <message>
        <location line="-223" />
        <location line="+146" />
        <source>Customer card</source>
        <translation>Customer card</translation>
    </message>
    <message>
        <location line="-139" />
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Effective</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Opportunity</source>
        <translation>Opportunity</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <location line="+48" />
        <location line="+135" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="-134" />
        <location line="+135" />
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="-134" />
        <location line="+135" />
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="-134" />
        <location line="+135" />
        <source>Opportunities</source>
        <translation>Opportunities</translation>
    </message>
    <message>
        <location line="-134" />
        <location line="+135" />
        <source>Complaints</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location line="-134" />
        <location line="+135" />
        <source>Market reports</source>
        <translation>Market reports</translation>
    </message>
    <message>
        <location line="-130" />
        <source>Export to Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New opportunity…</source>
        <translation>New opportunity…</translation>
    </message>
    <message>
        <location line="+56" />
        <source>Class %1</source>
        <translation>Class %1</translation>
    </message>
</context>
<context>
    <name>CustomerColumns</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/list_model.py" line="+70" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Short name</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last effective visit</source>
        <translation>Last effective visit</translation>
    </message>
</context>
<context>
    <name>CustomerEditDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/edit_dialog.py" line="+63" />
        <source>To change the owner, use Hand over… on the Customers page</source>
        <translation>To change the owner, use Hand over… on the Customers page</translation>
    </message>
    <message>
        <location line="-8" />
        <source>Edit customer</source>
        <translation>Edit customer</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New customer</source>
        <translation>New customer</translation>
    </message>
</context>
<context>
    <name>CustomerField</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/form.py" line="+79" />
        <source>Search customers</source>
        <translation>Search customers</translation>
    </message>
    <message>
        <location line="+31" />
        <source>— none —</source>
        <translation>— none —</translation>
    </message>
    <message>
        <location line="+0" />
        <source>— choose a customer —</source>
        <translation>— choose a customer —</translation>
    </message>
</context>
<context>
    <name>CustomerFields</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/customer_form.py" line="+109" />
        <source>e.g. 120,000 or 12万</source>
        <translation>e.g. 120,000 or 12万</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/customers/fields.py" line="+60" />
        <source>Identity</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Short name</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tax ID</source>
        <translation>Tax ID</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Classification</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Loss reason</source>
        <translation>Loss reason</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Loss details</source>
        <translation>Loss details</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Territory</source>
        <translation>Territory</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Key account</source>
        <translation>Key account</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Commercial terms</source>
        <translation>Commercial terms</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Credit limit (yuan)</source>
        <translation>Credit limit (yuan)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Payment terms</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Annual sales (yuan)</source>
        <translation>Annual sales (yuan)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Headcount</source>
        <translation>Headcount</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Relationship</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Relationship stage</source>
        <translation>Relationship stage</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Competitors present</source>
        <translation>Competitors present</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Incumbent supplier</source>
        <translation>Incumbent supplier</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+2" />
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Confidential</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <location line="-25" />
        <source>Yearly category spend, all suppliers (yuan)</source>
        <translation>Yearly category spend, all suppliers (yuan)</translation>
    </message>
</context>
<context>
    <name>CustomerFilterBar</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/filters.py" line="+23" />
        <source>Search name, short name, phone, contact…</source>
        <translation>Search name, short name, phone, contact…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All classes</source>
        <translation>All classes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Key accounts only</source>
        <translation>Key accounts only</translation>
    </message>
    <message>
        <location line="+24" />
        <source>All owners</source>
        <translation>All owners</translation>
    </message>
    <message>
        <location line="+4" />
        <source>All regions</source>
        <translation>All regions</translation>
    </message>
</context>
<context>
    <name>CustomerOverview</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card_overview.py" line="+23" />
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Value class</source>
        <translation>Value class</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Last effective visit</source>
        <translation>Last effective visit</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Next visit due</source>
        <translation>Next visit due</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Confidential (owner and superiors only)</source>
        <translation>Confidential (owner and superiors only)</translation>
    </message>
    <message>
        <location line="+24" />
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Due now: no effective visit yet</source>
        <translation>Due now: no effective visit yet</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/customer_picker.py" line="+29" />
        <source>Search customers by name, phone, contact…</source>
        <translation>Search customers by name, phone, contact…</translation>
    </message>
</context>
<context>
    <name>CustomerValue</name>
    <message>
        <location filename="../../crm_desktop/ui/churn/value_line.py" line="+22" />
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Orders, last 12 months %1 (year before %2) · share of customer %3 · lifetime value ≈ %4</source>
        <translation>Orders, last 12 months %1 (year before %2) · share of customer %3 · lifetime value ≈ %4</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/page.py" line="+136" />
        <source>Hand over…</source>
        <translation>Hand over…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Hand the selected customers to new owners, with a note for each</source>
        <translation>Hand the selected customers to new owners, with a note for each</translation>
    </message>
    <message>
        <location line="-8" />
        <source>New customer</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import Excel</source>
        <translation>Import Excel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Export the list as shown (search, filters, sort) to an Excel file</source>
        <translation>Export the list as shown (search, filters, sort) to an Excel file</translation>
    </message>
    <message>
        <location line="+39" />
        <source>%1 customers</source>
        <translation>%1 customers</translation>
    </message>
    <message>
        <location line="+84" />
        <source>Delete customer</source>
        <translation>Delete customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the customer %1? Its visit history is kept.</source>
        <translation>Delete the customer %1? Its visit history is kept.</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/charts.py" line="+70" />
        <source>No visits in this period</source>
        <translation>No visits in this period</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Highest and lowest %1 of %2 reps</source>
        <translation>Highest and lowest %1 of %2 reps</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Effective visit rate</source>
        <translation>Effective visit rate</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No sales targets for this period</source>
        <translation>No sales targets for this period</translation>
    </message>
    <message>
        <location line="+1" />
        <source>no target</source>
        <translation>no target</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No opportunities closed in this period</source>
        <translation>No opportunities closed in this period</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No opportunities</source>
        <translation>No opportunities</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Closed in period: won %1 · %2, lost %3 · %4</source>
        <translation>Closed in period: won %1 · %2, lost %3 · %4</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No open opportunities</source>
        <translation>No open opportunities</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Weighted pipeline %1</source>
        <translation>Weighted pipeline %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No customers</source>
        <translation>No customers</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Class %1</source>
        <translation>Class %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 customers · %2 of sales</source>
        <translation>%1 customers · %2 of sales</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No sales in the last 12 months</source>
        <translation>No sales in the last 12 months</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Share of customers</source>
        <translation>Share of customers</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cumulative share of sales</source>
        <translation>Cumulative share of sales</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/defection_charts.py" line="+38" />
        <source>No active customers in the last 12 months</source>
        <translation>No active customers in the last 12 months</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No defector cases in the last 12 months</source>
        <translation>No defector cases in the last 12 months</translation>
    </message>
    <message>
        <location line="+1" />
        <source>By class</source>
        <translation>By class</translation>
    </message>
    <message>
        <location line="+1" />
        <source>By rep</source>
        <translation>By rep</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Other causes</source>
        <translation>Other causes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="+48" />
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last 4 weeks</source>
        <translation>Last 4 weeks</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This quarter</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This year</source>
        <translation>This year</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Custom…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <location line="+8" />
        <source>All teams</source>
        <translation>All teams</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Weekly visits per rep</source>
        <translation>Weekly visits per rep</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Effective visit rate by week</source>
        <translation>Effective visit rate by week</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sales target achievement</source>
        <translation>Sales target achievement</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close rate by rep</source>
        <translation>Close rate by rep</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sales funnel</source>
        <translation>Sales funnel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Weighted pipeline</source>
        <translation>Weighted pipeline</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A/B/C customers</source>
        <translation>A/B/C customers</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pareto curve of sales</source>
        <translation>Pareto curve of sales</translation>
    </message>
    <message>
        <location line="+108" />
        <source>Updating…</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <location line="-107" />
        <source>Defection rate, last 12 months</source>
        <translation>Defection rate, last 12 months</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Root causes of defection by month</source>
        <translation>Root causes of defection by month</translation>
    </message>
</context>
<context>
    <name>DecomposeDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/targets/decompose_dialog.py" line="+56" />
        <source>Decompose target</source>
        <translation>Decompose target</translation>
    </message>
    <message>
        <location line="+18" />
        <source>The team's reps</source>
        <translation>The team's reps</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Split evenly</source>
        <translation>Split evenly</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Break down into</source>
        <translation>Break down into</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Quarters</source>
        <translation>Quarters</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Months</source>
        <translation>Months</translation>
    </message>
    <message>
        <location line="+36" />
        <source>This team has no reps to break the target down to.</source>
        <translation>This team has no reps to break the target down to.</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Some parts are not valid values (marked red).</source>
        <translation>Some parts are not valid values (marked red).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Total %1 / target %2 — adds up</source>
        <translation>Total %1 / target %2 — adds up</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Total %1 / target %2 — off by %3</source>
        <translation>Total %1 / target %2 — off by %3</translation>
    </message>
</context>
<context>
    <name>DefectionDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/churn/defection_dialog.py" line="+86" />
        <source>Edit defector case</source>
        <translation>Edit defector case</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Record a defector case</source>
        <translation>Record a defector case</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Who heard the customer out</source>
        <translation>Who heard the customer out</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Interviewed</source>
        <translation>Interviewed</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Won back</source>
        <translation>Won back</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Customer *</source>
        <translation>Customer *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Defected on *</source>
        <translation>Defected on *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Root causes *</source>
        <translation>Root causes *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interviewer</source>
        <translation>Interviewer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview date</source>
        <translation>Interview date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview notes</source>
        <translation>Interview notes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Improvement measures</source>
        <translation>Improvement measures</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Won back on</source>
        <translation>Won back on</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Spend before</source>
        <translation>Spend before</translation>
    </message>
    <message>
        <location line="+28" />
        <source>3 years ago %1 · 2 years ago %2 · last 12 months %3</source>
        <translation>3 years ago %1 · 2 years ago %2 · last 12 months %3</translation>
    </message>
</context>
<context>
    <name>DuplicateWarningDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/duplicates.py" line="+44" />
        <source>Possible duplicate customer</source>
        <translation>Possible duplicate customer</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Conflict: a matching customer already belongs to another sales rep. Saving anyway creates a second card; your supervisor will see both.</source>
        <translation>Conflict: a matching customer already belongs to another sales rep. Saving anyway creates a second card; your supervisor will see both.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>These existing customers look like the one you are saving:</source>
        <translation>These existing customers look like the one you are saving:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Matches on</source>
        <translation>Matches on</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Save anyway</source>
        <translation>Save anyway</translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <location line="-51" />
        <source>same name</source>
        <translation>same name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>same phone</source>
        <translation>same phone</translation>
    </message>
    <message>
        <location line="+1" />
        <source>same tax ID</source>
        <translation>same tax ID</translation>
    </message>
    <message>
        <location line="+7" />
        <source>⚠ Conflict</source>
        <translation>⚠ Conflict</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/receivables/entry_dialog.py" line="+29" />
        <source>New entry</source>
        <translation>New entry</translation>
    </message>
    <message>
        <location line="+6" />
        <source>e.g. 12,000 or 1.2万; an adjustment may be negative</source>
        <translation>e.g. 12,000 or 1.2万; an adjustment may be negative</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Set a due date</source>
        <translation>Set a due date</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Invoice or receipt number</source>
        <translation>Invoice or receipt number</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Customer *</source>
        <translation>Customer *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind *</source>
        <translation>Kind *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amount (yuan) *</source>
        <translation>Amount (yuan) *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date *</source>
        <translation>Date *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../crm_desktop/ui/application.py" line="+73" />
        <source>CRM Desktop</source>
        <translation>CRM Desktop</translation>
    </message>
    <message>
        <location line="+17" />
        <source>An unexpected error occurred. Your saved data is safe; details are in the log file.</source>
        <translation>An unexpected error occurred. Your saved data is safe; details are in the log file.</translation>
    </message>
</context>
<context>
    <name>FinanceImportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/receivables/import_dialog.py" line="+43" />
        <source>Import finance balances</source>
        <translation>Import finance balances</translation>
    </message>
    <message>
        <location line="+4" />
        <source>An .xlsx of the open items from the finance system: customer name (or tax id), document date, open amount, and optionally the document number and due date. They replace the ledger of each customer in the file up to the cut-off date. A file with any bad row imports nothing.</source>
        <translation>An .xlsx of the open items from the finance system: customer name (or tax id), document date, open amount, and optionally the document number and due date. They replace the ledger of each customer in the file up to the cut-off date. A file with any bad row imports nothing.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Choose the .xlsx file</source>
        <translation>Choose the .xlsx file</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>File *</source>
        <translation>File *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cut-off date *</source>
        <translation>Cut-off date *</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Finance balances</source>
        <translation>Finance balances</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Excel files (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Choose the .xlsx file to import.</source>
        <translation>Choose the .xlsx file to import.</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Imported %1 open items of %2 customers, %3 in all, as of %4.</source>
        <translation>Imported %1 open items of %2 customers, %3 in all, as of %4.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Nothing was imported. Fix these rows and import the file again:</source>
        <translation>Nothing was imported. Fix these rows and import the file again:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Row %1: %2</source>
        <translation>Row %1: %2</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="+58" />
        <location line="+2" />
        <source>Welcome to CRM Desktop</source>
        <translation>Welcome to CRM Desktop</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Connect to your company's sync server to get your customers, or look around first with a demo team and its customers.</source>
        <translation>Connect to your company's sync server to get your customers, or look around first with a demo team and its customers.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Connect to a server</source>
        <translation>Connect to a server</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Try with demo data</source>
        <translation>Try with demo data</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Creating the demo data…</source>
        <translation>Creating the demo data…</translation>
    </message>
    <message>
        <location line="+55" />
        <source>The demo data could not be created; details are in the log file.</source>
        <translation>The demo data could not be created; details are in the log file.</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/follow_up_dialog.py" line="+42" />
        <source>Edit follow-up</source>
        <translation>Edit follow-up</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New follow-up</source>
        <translation>New follow-up</translation>
    </message>
    <message>
        <location line="+11" />
        <source>To do *</source>
        <translation>To do *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due on *</source>
        <translation>Due on *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/follow_ups_page.py" line="+42" />
        <source>Show done</source>
        <translation>Show done</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New follow-up…</source>
        <translation>New follow-up…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>To do</source>
        <translation>To do</translation>
    </message>
    <message>
        <location line="+35" />
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location line="+2" />
        <source>today</source>
        <translation>today</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Nothing to follow up — well done.</source>
        <translation>Nothing to follow up — well done.</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/handover_dialog.py" line="+205" />
        <source>%1 customers</source>
        <translation>%1 customers</translation>
    </message>
    <message>
        <location line="-129" />
        <source>Hand over customers</source>
        <translation>Hand over customers</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Set all</source>
        <translation>Set all</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A note for every customer without one</source>
        <translation>A note for every customer without one</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fill empty notes</source>
        <translation>Fill empty notes</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open opportunities</source>
        <translation>Open opportunities</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Follow-ups</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Complaints</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New owner</source>
        <translation>New owner</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Handover note</source>
        <translation>Handover note</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Open opportunities, follow-ups and complaints move with each customer; visits, reports and closed deals stay with their author. The customer leaves the old owner's later plans not yet submitted.</source>
        <translation>Open opportunities, follow-ups and complaints move with each customer; visits, reports and closed deals stay with their author. The customer leaves the old owner's later plans not yet submitted.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Handover report to Excel…</source>
        <translation>Handover report to Excel…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Hand over</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Customers of:</source>
        <translation>Customers of:</translation>
    </message>
    <message>
        <location line="+5" />
        <source>New owner for all:</source>
        <translation>New owner for all:</translation>
    </message>
    <message>
        <location line="+26" />
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location line="+33" />
        <source>What the new owner needs to know</source>
        <translation>What the new owner needs to know</translation>
    </message>
    <message>
        <location line="+70" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 customers handed over. The server confirms it at the next sync; a refusal would appear in the Sync page's inbox.</source>
        <translation>%1 customers handed over. The server confirms it at the next sync; a refusal would appear in the Sync page's inbox.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Handover report</source>
        <translation>Handover report</translation>
    </message>
    <message>
        <location line="+0" />
        <source>handovers.xlsx</source>
        <translation>handovers.xlsx</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Handover report saved: %1 handovers in %2</source>
        <translation>Handover report saved: %1 handovers in %2</translation>
    </message>
</context>
<context>
    <name>HandoversTab</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card_handovers.py" line="+21" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1" />
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1" />
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What moved</source>
        <translation>What moved</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Handover note</source>
        <translation>Handover note</translation>
    </message>
    <message>
        <location line="+14" />
        <source>(waiting to sync)</source>
        <translation>(waiting to sync)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 opportunities (%2), %3 follow-ups, %4 complaints</source>
        <translation>%1 opportunities (%2), %3 follow-ups, %4 complaints</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/import_dialog.py" line="+45" />
        <source>Import customers from Excel</source>
        <translation>Import customers from Excel</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose an .xlsx file…</source>
        <translation>Choose an .xlsx file…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Also import rows that match existing customers</source>
        <translation>Also import rows that match existing customers</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="-12" />
        <source>Cancel import</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location line="+19" />
        <location line="+8" />
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Existing customer</source>
        <translation>Existing customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Matches on</source>
        <translation>Matches on</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+12" />
        <location line="+84" />
        <source>Duplicates (not imported)</source>
        <translation>Duplicates (not imported)</translation>
    </message>
    <message>
        <location line="-82" />
        <source>Rows with errors</source>
        <translation>Rows with errors</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Choose an existing .xlsx file first.</source>
        <translation>Choose an existing .xlsx file first.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Excel import is not available in this version.</source>
        <translation>Excel import is not available in this version.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="-30" />
        <source>Importing row %1 of %2…</source>
        <translation>Importing row %1 of %2…</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Customers imported: %1. Possible duplicates: %2. Rows with errors: %3.</source>
        <translation>Customers imported: %1. Possible duplicates: %2. Rows with errors: %3.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Columns not recognised (ignored): %1</source>
        <translation>Columns not recognised (ignored): %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Duplicates (imported anyway)</source>
        <translation>Duplicates (imported anyway)</translation>
    </message>
    <message>
        <location line="+24" />
        <source>%1 (row %2 of this file)</source>
        <translation>%1 (row %2 of this file)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The import failed; nothing was imported.</source>
        <translation>The import failed; nothing was imported.</translation>
    </message>
    <message>
        <location line="-95" />
        <source>Import cancelled; nothing was imported.</source>
        <translation>Import cancelled; nothing was imported.</translation>
    </message>
</context>
<context>
    <name>ItemView</name>
    <message>
        <location filename="../../crm_desktop/ui/review/item_view.py" line="+95" />
        <location line="+94" />
        <source>Daily report</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location line="-91" />
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Expenses</source>
        <translation>Expenses</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reflections</source>
        <translation>Reflections</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+25" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="-24" />
        <location line="+26" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="-25" />
        <location line="+26" />
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="-25" />
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Effective</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+13" />
        <location line="+65" />
        <source>Visit plan</source>
        <translation>Visit plan</translation>
    </message>
    <message>
        <location line="-59" />
        <location line="+154" />
        <source>Visited</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location line="-151" />
        <source>Objective</source>
        <translation>Objective</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Day totals and targets</source>
        <translation>Day totals and targets</translation>
    </message>
    <message>
        <location line="+7" />
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+64" />
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>submitted %1</source>
        <translation>submitted %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>late</source>
        <translation>late</translation>
    </message>
    <message>
        <location line="+7" />
        <source>No plan for this day.</source>
        <translation>No plan for this day.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1 customers planned · %2</source>
        <translation>%1 customers planned · %2</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Planned %1, visited %2 (%3) · unplanned visits %4 · plan %5</source>
        <translation>Planned %1, visited %2 (%3) · unplanned visits %4 · plan %5</translation>
    </message>
    <message>
        <location line="+40" />
        <source>Not visited</source>
        <translation>Not visited</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Visits %1 · effective %2 (%3) · orders %4, %5 · collections %6</source>
        <translation>Visits %1 · effective %2 (%3) · orders %4, %5 · collections %6</translation>
    </message>
    <message>
        <location line="+16" />
        <source>%1 — day %2 / %3 (%4); month to date %5 / %6 (%7)</source>
        <translation>%1 — day %2 / %3 (%4); month to date %5 / %6 (%7)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>No targets set for this month.</source>
        <translation>No targets set for this month.</translation>
    </message>
    <message>
        <location line="+24" />
        <source>%1 (%2 times)</source>
        <translation>%1 (%2 times)</translation>
    </message>
    <message>
        <location line="-97" />
        <source>not visited: %1</source>
        <translation>not visited: %1</translation>
    </message>
    <message>
        <location line="-40" />
        <source>Visit plan: %1</source>
        <translation>Visit plan: %1</translation>
    </message>
</context>
<context>
    <name>LeadDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/leads/lead_dialog.py" line="+40" />
        <source>Edit lead</source>
        <translation>Edit lead</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New lead</source>
        <translation>New lead</translation>
    </message>
    <message>
        <location line="+7" />
        <source>e.g. 2026 Canton Fair, booth 12</source>
        <translation>e.g. 2026 Canton Fair, booth 12</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Follow up by</source>
        <translation>Follow up by</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Put it into the team's pool</source>
        <translation>Put it into the team's pool</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>LeadsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/leads/page.py" line="+29" />
        <source>New lead…</source>
        <translation>New lead…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Take back overdue leads</source>
        <translation>Take back overdue leads</translation>
    </message>
    <message>
        <location line="+13" />
        <location line="+48" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-47" />
        <location line="+48" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="-42" />
        <location line="+43" />
        <source>Source / event</source>
        <translation>Source / event</translation>
    </message>
    <message>
        <location line="-49" />
        <location line="+51" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-50" />
        <location line="+49" />
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location line="-48" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Follow up by</source>
        <translation>Follow up by</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next call</source>
        <translation>Next call</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Back to pool on</source>
        <translation>Back to pool on</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Log call</source>
        <translation>Log call</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Log effective visit</source>
        <translation>Log effective visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Convert to customer</source>
        <translation>Convert to customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Return to pool</source>
        <translation>Return to pool</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+39" />
        <source>Assign…</source>
        <translation>Assign…</translation>
    </message>
    <message>
        <location line="-1" />
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location line="+13" />
        <source>My leads</source>
        <translation>My leads</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Team pool</source>
        <translation>Team pool</translation>
    </message>
    <message>
        <location line="+50" />
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location line="+28" />
        <source>A lead with no effective visit for %1 days goes back to the pool.</source>
        <translation>A lead with no effective visit for %1 days goes back to the pool.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No leads in your hands.</source>
        <translation>No leads in your hands.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The team's pool is empty.</source>
        <translation>The team's pool is empty.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Team pool (%1)</source>
        <translation>Team pool (%1)</translation>
    </message>
    <message>
        <location line="-168" />
        <source>Import Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <location line="+213" />
        <source>Import leads</source>
        <translation>Import leads</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <location filename="../../crm_desktop/ui/receivables/card_tab.py" line="+32" />
        <source>New entry…</source>
        <translation>New entry…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Receivables</source>
        <translation>Receivables</translation>
    </message>
    <message>
        <location line="+14" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Balance %1 (overdue %2) · credit limit %3
%4</source>
        <translation>Balance %1 (overdue %2) · credit limit %3
%4</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Replaced by the finance balance</source>
        <translation>Replaced by the finance balance</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/calendar.py" line="+120" />
        <source>● Plan</source>
        <translation>● Plan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>▬ Report</source>
        <translation>▬ Report</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Late</source>
        <translation>Late</translation>
    </message>
</context>
<context>
    <name>ListExportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/export/list_export_dialog.py" line="+45" />
        <source>Export to Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="-18" />
        <source>Cancel export</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Export visits to Excel</source>
        <translation>Export visits to Excel</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export opportunities to Excel</source>
        <translation>Export opportunities to Excel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export customers to Excel</source>
        <translation>Export customers to Excel</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Exports the customer list as shown: the current search, filters and sort.</source>
        <translation>Exports the customer list as shown: the current search, filters and sort.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Exports the list with its current filters, one row per record.</source>
        <translation>Exports the list with its current filters, one row per record.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <location line="+62" />
        <source>Choose where to save the file first.</source>
        <translation>Choose where to save the file first.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>That is a folder; enter a file name.</source>
        <translation>That is a folder; enter a file name.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Replace file</source>
        <translation>Replace file</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 already exists. Replace it?</source>
        <translation>%1 already exists. Replace it?</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="-43" />
        <source>Exporting row %1 of %2…</source>
        <translation>Exporting row %1 of %2…</translation>
    </message>
    <message>
        <location line="+49" />
        <source>Exported %1 rows to %2.</source>
        <translation>Exported %1 rows to %2.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The export failed; no file was written.</source>
        <translation>The export failed; no file was written.</translation>
    </message>
    <message>
        <location line="-61" />
        <source>Export cancelled; no file was written.</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/login_dialog.py" line="+31" />
        <source>Sign in to the sync server</source>
        <translation>Sign in to the sync server</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Your changes are kept on this computer and exchanged with the server whenever you are online. After one sign-in the app also opens offline.</source>
        <translation>Your changes are kept on this computer and exchanged with the server whenever you are online. After one sign-in the app also opens offline.</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Signing in and downloading your data…</source>
        <translation>Signing in and downloading your data…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Server URL</source>
        <translation>Server URL</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Enter the server address, e.g. https://crm.example.com</source>
        <translation>Enter the server address, e.g. https://crm.example.com</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter your username and password.</source>
        <translation>Enter your username and password.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>A sync is running; try again when it has finished.</source>
        <translation>A sync is running; try again when it has finished.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Sign-in failed unexpectedly; details are in the log file.</source>
        <translation>Sign-in failed unexpectedly; details are in the log file.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="+62" />
        <source>CRM Desktop</source>
        <translation>CRM Desktop</translation>
    </message>
</context>
<context>
    <name>MarketReportDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/market_report_dialog.py" line="+45" />
        <source>Edit market report</source>
        <translation>Edit market report</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New market report</source>
        <translation>New market report</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The customer's region when left empty</source>
        <translation>The customer's region when left empty</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Date *</source>
        <translation>Date *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Description *</source>
        <translation>Description *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Suggested action</source>
        <translation>Suggested action</translation>
    </message>
</context>
<context>
    <name>MarketReportsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/activity/market_reports_page.py" line="+49" />
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not yet acknowledged</source>
        <translation>Not yet acknowledged</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New market report…</source>
        <translation>New market report…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reporter</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+73" />
        <source>No market reports in this period.</source>
        <translation>No market reports in this period.</translation>
    </message>
</context>
<context>
    <name>MarketReportsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/card_activity.py" line="+33" />
        <source>New market report…</source>
        <translation>New market report…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../crm_desktop/ui/messages.py" line="+34" />
        <source>Choose an Excel file</source>
        <translation>Choose an Excel file</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../crm_desktop/ui/export/list_export_dialog.py" line="-123" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>OpportunityDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/opportunity_dialog.py" line="+60" />
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+35" />
        <source>Opportunity</source>
        <translation>Opportunity</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New opportunity</source>
        <translation>New opportunity</translation>
    </message>
    <message>
        <location line="+6" />
        <source>e.g. 120000 or 12万</source>
        <translation>e.g. 120000 or 12万</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set</source>
        <translation>Set</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Separate names with 、</source>
        <translation>Separate names with 、</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Customer *</source>
        <translation>Customer *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opportunity *</source>
        <translation>Opportunity *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amount (¥)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Competitors</source>
        <translation>Competitors</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+18" />
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+6" />
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+0" />
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Stage change</source>
        <translation>Stage change</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Move to stage…</source>
        <translation>Move to stage…</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+113" />
        <source>Demote to potential</source>
        <translation>Demote to potential</translation>
    </message>
    <message>
        <location line="-80" />
        <source>Owner: %1</source>
        <translation>Owner: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>in this stage since %1</source>
        <translation>in this stage since %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 visit(s) in this stage</source>
        <translation>%1 visit(s) in this stage</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Won on %1: %2</source>
        <translation>Won on %1: %2</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Lost: %1 — the order went to %2</source>
        <translation>Lost: %1 — the order went to %2</translation>
    </message>
    <message>
        <location line="+59" />
        <source>Take this lost opportunity back to the first stage?</source>
        <translation>Take this lost opportunity back to the first stage?</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../crm_desktop/ui/customers/page.py" line="-208" />
        <source>Customers</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/pages/base.py" line="+67" />
        <source>Coming in a later release.</source>
        <translation>Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard/page.py" line="-54" />
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/page.py" line="+62" />
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/plans/page.py" line="+132" />
        <source>Plans &amp; reports</source>
        <translation>Plans &amp; reports</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/review/page.py" line="+43" />
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+48" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync/page.py" line="+99" />
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/today/page.py" line="+55" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/activity/complaints_page.py" line="-95" />
        <source>Complaints</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/activity/follow_ups_page.py" line="-70" />
        <source>Follow-ups</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/activity/market_reports_page.py" line="-96" />
        <source>Market reports</source>
        <translation>Market reports</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/team/page.py" line="+25" />
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/targets/page.py" line="+100" />
        <source>Targets</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/leads/page.py" line="-228" />
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/churn/page.py" line="-254" />
        <source>Churn</source>
        <translation>Churn</translation>
    </message>
</context>
<context>
    <name>PipelineBoard</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/board.py" line="+266" />
        <source>Show the cards</source>
        <translation>Show the cards</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Collapse</source>
        <translation>Collapse</translation>
    </message>
    <message>
        <location line="+27" />
        <source>%1 deals</source>
        <translation>%1 deals</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1 deals · %2</source>
        <translation>%1 deals · %2</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Weighted %1</source>
        <translation>Weighted %1</translation>
    </message>
    <message>
        <location line="+132" />
        <source>Open…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move to stage…</source>
        <translation>Move to stage…</translation>
    </message>
</context>
<context>
    <name>PipelineList</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/list_model.py" line="+187" />
        <source>Opportunity</source>
        <translation>Opportunity</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Success</source>
        <translation>Success</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Weighted</source>
        <translation>Weighted</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+5" />
        <source>In stage since</source>
        <translation>In stage since</translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/page.py" line="+29" />
        <source>Search opportunity or customer…</source>
        <translation>Search opportunity or customer…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Open only</source>
        <translation>Open only</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move to stage…</source>
        <translation>Move to stage…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sales methods…</source>
        <translation>Sales methods…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New opportunity…</source>
        <translation>New opportunity…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <location line="+1" />
        <source>List</source>
        <translation>List</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Double pursuit</source>
        <translation>Double pursuit</translation>
    </message>
    <message>
        <location line="+81" />
        <source>All owners</source>
        <translation>All owners</translation>
    </message>
    <message>
        <location line="+30" />
        <source>%1 open · amount %2 · weighted pipeline %3</source>
        <translation>%1 open · amount %2 · weighted pipeline %3</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/plan_editor.py" line="+81" />
        <source>Restored unsaved changes.</source>
        <translation>Restored unsaved changes.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Objective</source>
        <translation>Objective</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save plan</source>
        <translation>Save plan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Submit for countersign</source>
        <translation>Submit for countersign</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Add to plan</source>
        <translation>Add to plan</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Add a customer</source>
        <translation>Add a customer</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Add suggestion</source>
        <translation>Add suggestion</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Suggested</source>
        <translation>Suggested</translation>
    </message>
    <message>
        <location line="+109" />
        <source>Plan status: %1</source>
        <translation>Plan status: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>New plan, not saved yet.</source>
        <translation>New plan, not saved yet.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No plan for this day yet: add customers to start one.</source>
        <translation>No plan for this day yet: add customers to start one.</translation>
    </message>
    <message>
        <location line="-32" />
        <source>Supervisor's comment: %1</source>
        <translation>Supervisor's comment: %1</translation>
    </message>
    <message>
        <location line="+54" />
        <source>follow-up due: %1</source>
        <translation>follow-up due: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>opportunity next step: %1</source>
        <translation>opportunity next step: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>class %1, never visited</source>
        <translation>class %1, never visited</translation>
    </message>
    <message>
        <location line="+2" />
        <source>class %1, last effective visit %2</source>
        <translation>class %1, last effective visit %2</translation>
    </message>
    <message>
        <location line="+140" />
        <source>Submit plan</source>
        <translation>Submit plan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Submit this plan to your supervisor for countersign?</source>
        <translation>Submit this plan to your supervisor for countersign?</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/page.py" line="-45" />
        <source>Visit plan</source>
        <translation>Visit plan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Daily report</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Export / subscribe…</source>
        <translation>Export / subscribe…</translation>
    </message>
    <message>
        <location line="+44" />
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+55" />
        <source>Plan: </source>
        <translation>Plan: </translation>
    </message>
    <message>
        <location line="+1" />
        <source>Report: </source>
        <translation>Report: </translation>
    </message>
    <message>
        <location line="+61" />
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location line="-80" />
        <source>◀ Calendar</source>
        <translation>◀ Calendar</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Calendar ▶</source>
        <translation>Calendar ▶</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Hide the month calendar</source>
        <translation>Hide the month calendar</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Show the month calendar</source>
        <translation>Show the month calendar</translation>
    </message>
</context>
<context>
    <name>PursuitTab</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/pursuit_tab.py" line="+34" />
        <source>Customers that more than one rep is working on (visits of the last %1 days, open opportunities, customers with the same name).</source>
        <translation>Customers that more than one rep is working on (visits of the last %1 days, open opportunities, customers with the same name).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reps</source>
        <translation>Reps</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Opportunities</source>
        <translation>Opportunities</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <location line="+37" />
        <source>No customer is pursued by more than one rep.</source>
        <translation>No customer is pursued by more than one rep.</translation>
    </message>
</context>
<context>
    <name>ReceivablesPage</name>
    <message>
        <location filename="../../crm_desktop/ui/receivables/page.py" line="+71" />
        <source>Receivables</source>
        <translation>Receivables</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Follow-ups for overdue</source>
        <translation>Follow-ups for overdue</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Make a collection follow-up for each overdue debt of your customers</source>
        <translation>Make a collection follow-up for each overdue debt of your customers</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import finance balances…</source>
        <translation>Import finance balances…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export to Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New entry…</source>
        <translation>New entry…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+27" />
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location line="-25" />
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Credit limit</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <location line="+16" />
        <location line="+196" />
        <source>Delete entry</source>
        <translation>Delete entry</translation>
    </message>
    <message>
        <location line="-192" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+63" />
        <source>As of %1 · %2 customers · balance %3 · overdue %4</source>
        <translation>As of %1 · %2 customers · balance %3 · overdue %4</translation>
    </message>
    <message>
        <location line="+16" />
        <source>No customer owes money.</source>
        <translation>No customer owes money.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>(over)</source>
        <translation>(over)</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Select a customer to see its ledger.</source>
        <translation>Select a customer to see its ledger.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>30 days (default)</source>
        <translation>30 days (default)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Ledger: %1</source>
        <translation>Ledger: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Balance %1 · credit limit %2 · payment terms %3</source>
        <translation>Balance %1 · credit limit %2 · payment terms %3</translation>
    </message>
    <message>
        <location line="+2" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Replaced by the finance balance</source>
        <translation>Replaced by the finance balance</translation>
    </message>
    <message>
        <location line="+45" />
        <source>Delete this %1 of %2?</source>
        <translation>Delete this %1 of %2?</translation>
    </message>
    <message>
        <location line="+26" />
        <source>%1 new collection follow-ups; see Follow-ups.</source>
        <translation>%1 new collection follow-ups; see Follow-ups.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No new follow-ups: every overdue debt of your own customers already has one.</source>
        <translation>No new follow-ups: every overdue debt of your own customers already has one.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Export receivables</source>
        <translation>Export receivables</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Excel files (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Exported to %1</source>
        <translation>Exported to %1</translation>
    </message>
</context>
<context>
    <name>RepDaysDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/team/rep_days_dialog.py" line="+44" />
        <source>%1's days</source>
        <translation>%1's days</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 · %2 – %3</source>
        <translation>%1 · %2 – %3</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Weekday</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Effective</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Order amount</source>
        <translation>Order amount</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Collections</source>
        <translation>Collections</translation>
    </message>
    <message>
        <location line="+23" />
        <source>late</source>
        <translation>late</translation>
    </message>
</context>
<context>
    <name>ReportBanner</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/report_banner.py" line="+51" />
        <source>Report status: %1</source>
        <translation>Report status: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New report, filled in from the day's plan; not saved yet.</source>
        <translation>New report, filled in from the day's plan; not saved yet.</translation>
    </message>
    <message>
        <location line="+2" />
        <source> · late</source>
        <translation> · late</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Signed by %1: read-only.</source>
        <translation>Signed by %1: read-only.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Signed: read-only.</source>
        <translation>Signed: read-only.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Returned by your supervisor: %1</source>
        <translation>Returned by your supervisor: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Supervisor's comment: %1</source>
        <translation>Supervisor's comment: %1</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/report_editor.py" line="+99" />
        <source>Restored unsaved changes.</source>
        <translation>Restored unsaved changes.</translation>
    </message>
    <message>
        <source>yuan, e.g. 86.50</source>
        <translation type="vanished">yuan, e.g. 86.50</translation>
    </message>
    <message>
        <source>Taxi, meals, samples…</source>
        <translation type="vanished">Taxi, meals, samples…</translation>
    </message>
    <message>
        <source>What went well today, what to do better</source>
        <translation type="vanished">What went well today, what to do better</translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="vanished">Day</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation type="vanished">Attendance</translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation type="vanished">Expenses</translation>
    </message>
    <message>
        <source>Expense note</source>
        <translation type="vanished">Expense note</translation>
    </message>
    <message>
        <source>Reflections</source>
        <translation type="vanished">Reflections</translation>
    </message>
    <message>
        <source>Day totals</source>
        <translation type="vanished">Day totals</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="vanished">Visits</translation>
    </message>
    <message>
        <source>Effective visits</source>
        <translation type="vanished">Effective visits</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="vanished">Orders</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation type="vanished">Collections</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Add unplanned visit…</source>
        <translation>Add unplanned visit…</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+174" />
        <source>Remove visit</source>
        <translation>Remove visit</translation>
    </message>
    <message>
        <location line="-152" />
        <source>No visits yet. Add an unplanned visit, or plan the day.</source>
        <translation>No visits yet. Add an unplanned visit, or plan the day.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Save report</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+226" />
        <source>Submit report</source>
        <translation>Submit report</translation>
    </message>
    <message>
        <source> (unplanned)</source>
        <translation type="vanished"> (unplanned)</translation>
    </message>
    <message>
        <source>Report status: %1</source>
        <translation type="vanished">Report status: %1</translation>
    </message>
    <message>
        <source>New report, filled in from the day's plan; not saved yet.</source>
        <translation type="vanished">New report, filled in from the day's plan; not saved yet.</translation>
    </message>
    <message>
        <source> · late</source>
        <translation type="vanished"> · late</translation>
    </message>
    <message>
        <source>Signed by %1: read-only.</source>
        <translation type="vanished">Signed by %1: read-only.</translation>
    </message>
    <message>
        <source>Signed: read-only.</source>
        <translation type="vanished">Signed: read-only.</translation>
    </message>
    <message>
        <source>Supervisor's comment: %1</source>
        <translation type="vanished">Supervisor's comment: %1</translation>
    </message>
    <message>
        <location line="-94" />
        <source>Remove the visit to %1 from this report?</source>
        <translation>Remove the visit to %1 from this report?</translation>
    </message>
    <message>
        <source>%1 — today %2 / %3 (%4); month %5 / %6 (%7)</source>
        <translation type="vanished">%1 — today %2 / %3 (%4); month %5 / %6 (%7)</translation>
    </message>
    <message>
        <source>No targets set for this month.</source>
        <translation type="vanished">No targets set for this month.</translation>
    </message>
    <message>
        <location line="+92" />
        <source>Submit this report to your supervisor for sign-off?</source>
        <translation>Submit this report to your supervisor for sign-off?</translation>
    </message>
    <message>
        <location line="-3" />
        <source>%1 planned visit(s) not filled in; submit anyway? They will count as not visited.</source>
        <translation>%1 planned visit(s) not filled in; submit anyway? They will count as not visited.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Check the amounts</source>
        <translation>Check the amounts</translation>
    </message>
    <message>
        <location line="+1" />
        <source>These amounts are above %1. Are they right?</source>
        <translation>These amounts are above %1. Are they right?</translation>
    </message>
</context>
<context>
    <name>ReportHeader</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/report_header.py" line="+27" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+5" />
        <source>yuan, e.g. 86.50</source>
        <translation>yuan, e.g. 86.50</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Taxi, meals, samples…</source>
        <translation>Taxi, meals, samples…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>What went well today, what to do better</source>
        <translation>What went well today, what to do better</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Expenses</source>
        <translation>Expenses</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Expense note</source>
        <translation>Expense note</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reflections</source>
        <translation>Reflections</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/review/panel.py" line="+95" />
        <source>To review</source>
        <translation>To review</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signed, last 14 days</source>
        <translation>Signed, last 14 days</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Rep</source>
        <translation>Rep</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Late</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="+11" />
        <source>↑/↓ next item · Ctrl+Enter sign · Ctrl+R return</source>
        <translation>↑/↓ next item · Ctrl+Enter sign · Ctrl+R return</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Comment: required to return or reopen, optional to sign</source>
        <translation>Comment: required to return or reopen, optional to sign</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Countersign (Ctrl+Enter)</source>
        <translation>Countersign (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign off (Ctrl+Enter)</source>
        <translation>Sign off (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Return (Ctrl+R)</source>
        <translation>Return (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reopen…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location line="+96" />
        <source>%1 items</source>
        <translation>%1 items</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+2" />
        <source>late</source>
        <translation>late</translation>
    </message>
    <message>
        <location line="+49" />
        <source>No report signed in the last 14 days.</source>
        <translation>No report signed in the last 14 days.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nothing waiting for review.</source>
        <translation>Nothing waiting for review.</translation>
    </message>
    <message>
        <location line="+64" />
        <source>Reopen report</source>
        <translation>Reopen report</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reopen %1's signed report of %2? The rep can then change it and must submit it again.</source>
        <translation>Reopen %1's signed report of %2? The rep can then change it and must submit it again.</translation>
    </message>
    <message>
        <location line="+63" />
        <source>Countersigned %1's plan of %2</source>
        <translation>Countersigned %1's plan of %2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Returned %1's plan of %2</source>
        <translation>Returned %1's plan of %2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signed %1's report of %2</source>
        <translation>Signed %1's report of %2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Returned %1's report of %2</source>
        <translation>Returned %1's report of %2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reopened %1's report of %2</source>
        <translation>Reopened %1's report of %2</translation>
    </message>
</context>
<context>
    <name>SalesMethodsDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/sales_methods_dialog.py" line="+64" />
        <source>Sales methods</source>
        <translation>Sales methods</translation>
    </message>
    <message>
        <location line="+3" />
        <source>New method</source>
        <translation>New method</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Chinese name</source>
        <translation>Chinese name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>English name</source>
        <translation>English name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Success %</source>
        <translation>Success %</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Min. visits</source>
        <translation>Min. visits</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Needs amount</source>
        <translation>Needs amount</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Control</source>
        <translation>Control</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Add stage</source>
        <translation>Add stage</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Remove stage</source>
        <translation>Remove stage</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Method code</source>
        <translation>Method code</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Method name</source>
        <translation>Method name</translation>
    </message>
    <message>
        <location line="+103" />
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Won</source>
        <translation>Won</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Lost</source>
        <translation>Lost</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+8" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+48" />
        <source>This is demo data. Sign in as another member of the demo team to see the app as a sales rep or a supervisor does.</source>
        <translation>This is demo data. Sign in as another member of the demo team to see the app as a sales rep or a supervisor does.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Switch user</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Demo data</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Signed in as</source>
        <translation>Signed in as</translation>
    </message>
    <message>
        <location line="+17" />
        <source>A new language takes effect the next time you start the app.</source>
        <translation>A new language takes effect the next time you start the app.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/data_folder.py" line="+44" />
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+3" />
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/data_folder.py" line="+8" />
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+9" />
        <source>Sign in…</source>
        <translation>Sign in…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sync server</source>
        <translation>Sync server</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Server URL</source>
        <translation>Server URL</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/policy.py" line="+62" />
        <source>Team policy: report deadline, customer classes, visits</source>
        <translation>Team policy: report deadline, customer classes, visits</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Daily report due at</source>
        <translation>Daily report due at</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Ask to confirm any single amount above</source>
        <translation>Ask to confirm any single amount above</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Class A: top share of sales</source>
        <translation>Class A: top share of sales</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Class B: next share of sales</source>
        <translation>Class B: next share of sales</translation>
    </message>
    <message>
        <location line="+5" />
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Class %1 customers every</source>
        <translation>Class %1 customers every</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Recompute classes now</source>
        <translation>Recompute classes now</translation>
    </message>
    <message>
        <location line="+21" />
        <source> yuan</source>
        <translation> yuan</translation>
    </message>
    <message>
        <location line="+4" />
        <source>A daily report amount above this is more likely a typo: the report editor asks before it is saved.</source>
        <translation>A daily report amount above this is more likely a typo: the report editor asks before it is saved.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Recomputed every night; last on %1.</source>
        <translation>Recomputed every night; last on %1.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Recomputed every night.</source>
        <translation>Recomputed every night.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Recomputing…</source>
        <translation>Recomputing…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Done. Customers whose class changed: %1</source>
        <translation>Done. Customers whose class changed: %1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/backup.py" line="+49" />
        <source>Back up now…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Restore…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Open backups folder</source>
        <translation>Open backups folder</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Backup and restore</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Last automatic backup</source>
        <translation>Last automatic backup</translation>
    </message>
    <message>
        <location line="+9" />
        <source>None yet</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The data is copied to the backups folder once a day; the last %1 copies are kept.</source>
        <translation>The data is copied to the backups folder once a day; the last %1 copies are kept.</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Back up the data</source>
        <translation>Back up the data</translation>
    </message>
    <message>
        <location line="+2" />
        <source>CRM backups (*.sqlite3)</source>
        <translation>CRM backups (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Backing up…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Backed up to %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Restore a backup</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <location line="+2" />
        <source>CRM backups (*.sqlite3);;All files (*)</source>
        <translation>CRM backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <location line="+31" />
        <source>Restore the backup of %1?</source>
        <translation>Restore the backup of %1?</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Customers: %1</source>
        <translation>Customers: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unsent changes in the backup: %1</source>
        <translation>Unsent changes in the backup: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>User: %1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The current data will be replaced by the backup.</source>
        <translation>The current data will be replaced by the backup.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The current data has %1 changes not yet sent to the server, and they cannot be kept with another user's backup: they will be lost. To keep them, cancel and sync first.</source>
        <translation>The current data has %1 changes not yet sent to the server, and they cannot be kept with another user's backup: they will be lost. To keep them, cancel and sync first.</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+52" />
        <source>Restore backup</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <location line="-44" />
        <source>The current data has %1 changes not yet sent to the server. Keep them?

Yes: add them to the restored data and send them at the next sync.
No: discard them.</source>
        <translation>The current data has %1 changes not yet sent to the server. Keep them?

Yes: add them to the restored data and send them at the next sync.
No: discard them.</translation>
    </message>
    <message>
        <location line="+38" />
        <source>The backup was restored.</source>
        <translation>The backup was restored.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unsent changes kept: %1. They are sent at the next sync.</source>
        <translation>Unsent changes kept: %1. They are sent at the next sync.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/policy.py" line="+31" />
        <source>Set by your manager; the same on every laptop of your team.</source>
        <translation>Set by your manager; the same on every laptop of your team.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The company default: applies to every team without its own.</source>
        <translation>The company default: applies to every team without its own.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Your team's policy: synced to the laptops of everyone in it.</source>
        <translation>Your team's policy: synced to the laptops of everyone in it.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/page.py" line="+62" />
        <source>Settings saved.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings/data_folder.py" line="-6" />
        <source>Move…</source>
        <translation>Move…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Move copies the data to another folder; the app then closes and uses the new folder from its next start.</source>
        <translation>Move copies the data to another folder; the app then closes and uses the new folder from its next start.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>This folder was given with --data-dir or CRM_DESKTOP_DATA_DIR; change it there.</source>
        <translation>This folder was given with --data-dir or CRM_DESKTOP_DATA_DIR; change it there.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Move the data to</source>
        <translation>Move the data to</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Data folder moved</source>
        <translation>Data folder moved</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The data was copied to %1.

CRM Desktop closes now; start it again to work in the new folder. The copy in the old folder %2 is left as it was (the settings may live there: keep the folder).</source>
        <translation>The data was copied to %1.

CRM Desktop closes now; start it again to work in the new folder. The copy in the old folder %2 is left as it was (the settings may live there: keep the folder).</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/pipeline/stage_dialog.py" line="+75" />
        <source>Move to stage</source>
        <translation>Move to stage</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 · now at %2</source>
        <translation>%1 · now at %2</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Proceed anyway</source>
        <translation>Proceed anyway</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Move to</source>
        <translation>Move to</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Success rate</source>
        <translation>Success rate</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Won on *</source>
        <translation>Won on *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Why we won *</source>
        <translation>Why we won *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Why we lost *</source>
        <translation>Why we lost *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Competitor who won *</source>
        <translation>Competitor who won *</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Move</source>
        <translation>Move</translation>
    </message>
    <message>
        <location line="+61" />
        <source>There is no other stage to move to.</source>
        <translation>There is no other stage to move to.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../crm_desktop/ui/status_bar.py" line="+46" />
        <source>Open the Sync page</source>
        <translation>Open the Sync page</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Pending: %1</source>
        <translation>Pending: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Conflicts: %1</source>
        <translation>Conflicts: %1</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
</context>
<context>
    <name>SubmissionsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/team/submissions_tab.py" line="+49" />
        <source>◀ Previous day</source>
        <translation>◀ Previous day</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next day ▶</source>
        <translation>Next day ▶</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+35" />
        <source>Rep</source>
        <translation>Rep</translation>
    </message>
    <message>
        <location line="-34" />
        <location line="+35" />
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location line="-34" />
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Plans and reports of the day</source>
        <translation>Plans and reports of the day</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Workdays</source>
        <translation>Workdays</translation>
    </message>
    <message>
        <location line="+1" />
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+51" />
        <source>Late</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="-50" />
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location line="+1" />
        <source>On-time rate</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location line="+8" />
        <source>On-time daily reports</source>
        <translation>On-time daily reports</translation>
    </message>
    <message>
        <location line="+3" />
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0" />
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+34" />
        <source>No plan</source>
        <translation>No plan</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No report</source>
        <translation>No report</translation>
    </message>
    <message>
        <location line="+43" />
        <source>%1 of %2 reps need attention</source>
        <translation>%1 of %2 reps need attention</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Nobody reports to you yet.</source>
        <translation>Nobody reports to you yet.</translation>
    </message>
</context>
<context>
    <name>SyncEntity</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/conflicts.py" line="-149" />
        <source>Handover</source>
        <translation>Handover</translation>
    </message>
    <message>
        <location line="-12" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opportunity</source>
        <translation>Opportunity</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit plan</source>
        <translation>Visit plan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Plan item</source>
        <translation>Plan item</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Daily report</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit record</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Market report</source>
        <translation>Market report</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stage change</source>
        <translation>Stage change</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
</context>
<context>
    <name>SyncField</name>
    <message>
        <location line="+35" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-13" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Short name</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Content</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tax ID</source>
        <translation>Tax ID</translation>
    </message>
</context>
<context>
    <name>SyncKind</name>
    <message>
        <location line="-21" />
        <source>Refused: you may not make this change</source>
        <translation>Refused: you may not make this change</translation>
    </message>
    <message>
        <location line="-9" />
        <source>Overwritten by the server</source>
        <translation>Overwritten by the server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Protected field kept the server's value</source>
        <translation>Protected field kept the server's value</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rejected: the daily report is signed</source>
        <translation>Rejected: the daily report is signed</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amendment request for a signed daily report</source>
        <translation>Amendment request for a signed daily report</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Rejected (%1)</source>
        <translation>Rejected (%1)</translation>
    </message>
    <message>
        <location line="-9" />
        <source>Deleted before your edit arrived</source>
        <translation>Deleted before your edit arrived</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deleted over your edit</source>
        <translation>Deleted over your edit</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Rejected: another rep claimed the lead first</source>
        <translation>Rejected: another rep claimed the lead first</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rejected: another rep already owns this customer (double pursuit)</source>
        <translation>Rejected: another rep already owns this customer (double pursuit)</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/page.py" line="+13" />
        <source>Conflict inbox</source>
        <translation>Conflict inbox</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Edits the server overrode or refused. Re-apply writes your values again; discard keeps the server's version.</source>
        <translation>Edits the server overrode or refused. Re-apply writes your values again; discard keeps the server's version.</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Server and account</source>
        <translation>Server and account</translation>
    </message>
    <message>
        <location line="+8" />
        <location line="+54" />
        <source>Sign in…</source>
        <translation>Sign in…</translation>
    </message>
    <message>
        <location line="-52" />
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Pending changes</source>
        <translation>Pending changes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last sync</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Switch account…</source>
        <translation>Switch account…</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Sync finished: sent %1, received %2, conflicts %3.</source>
        <translation>Sync finished: sent %1, received %2, conflicts %3.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Sync failed unexpectedly; details are in the log file.</source>
        <translation>Sync failed unexpectedly; details are in the log file.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Sync cancelled; the next sync resumes.</source>
        <translation>Sync cancelled; the next sync resumes.</translation>
    </message>
</context>
<context>
    <name>SyncState</name>
    <message>
        <location line="-226" />
        <source>Not connected</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not signed in</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+38" />
        <source>Sending changes %1 / %2</source>
        <translation>Sending changes %1 / %2</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Receiving changes: %1</source>
        <translation>Receiving changes: %1</translation>
    </message>
    <message>
        <location line="-29" />
        <source>Never synced: %1 changes are only on this laptop.</source>
        <translation>Never synced: %1 changes are only on this laptop.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nothing to send yet.</source>
        <translation>Nothing to send yet.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 changes waiting to be sent.</source>
        <translation>%1 changes waiting to be sent.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>All changes sent at %1.</source>
        <translation>All changes sent at %1.</translation>
    </message>
</context>
<context>
    <name>SyncTime</name>
    <message>
        <location filename="../../crm_desktop/ui/sync/controller.py" line="+273" />
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location line="+5" />
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 min ago</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 h ago</source>
        <translation>%1 h ago</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 days ago</source>
        <translation>%1 days ago</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/targets/target_dialog.py" line="+54" />
        <source>Change target</source>
        <translation>Change target</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New target</source>
        <translation>New target</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>For</source>
        <translation>For</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Period kind</source>
        <translation>Period kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+61" />
        <source>Amount in yuan, e.g. 120000 or 12万</source>
        <translation>Amount in yuan, e.g. 120000 or 12万</translation>
    </message>
    <message>
        <location line="+0" />
        <source>A whole number</source>
        <translation>A whole number</translation>
    </message>
</context>
<context>
    <name>Targets</name>
    <message>
        <location filename="../../crm_desktop/ui/targets/cells.py" line="+21" />
        <source>%1 (team)</source>
        <translation>%1 (team)</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Gross profit is not recorded anywhere, so it has no actual figure.</source>
        <translation>Gross profit is not recorded anywhere, so it has no actual figure.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This period has not started yet.</source>
        <translation>This period has not started yet.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The target is 0, so there is no achievement rate.</source>
        <translation>The target is 0, so there is no achievement rate.</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/targets/page.py" line="+11" />
        <source> (year)</source>
        <translation> (year)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location line="+5" />
        <source>New target…</source>
        <translation>New target…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Decompose…</source>
        <translation>Decompose…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Actual to date</source>
        <translation>Actual to date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Achievement</source>
        <translation>Achievement</translation>
    </message>
    <message>
        <location line="+53" />
        <source>Everyone</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <location line="+45" />
        <source>No targets for %1 match these filters.</source>
        <translation>No targets for %1 match these filters.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No targets for %1 yet.</source>
        <translation>No targets for %1 yet.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Use “New target…” to set one, then “Decompose…” to split it into quarters, months or the team's reps.</source>
        <translation>Use “New target…” to set one, then “Decompose…” to split it into quarters, months or the team's reps.</translation>
    </message>
    <message>
        <location line="+50" />
        <source>Delete the target %1?</source>
        <translation>Delete the target %1?</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete target</source>
        <translation>Delete target</translation>
    </message>
</context>
<context>
    <name>TeamCells</name>
    <message>
        <location filename="../../crm_desktop/ui/team/cells.py" line="+50" />
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <location filename="../../crm_desktop/ui/team/page.py" line="+20" />
        <source>Hand over a rep's customers…</source>
        <translation>Hand over a rep's customers…</translation>
    </message>
    <message>
        <location line="-4" />
        <source>Submissions</source>
        <translation>Submissions</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Weekly summary to Excel…</source>
        <translation>Weekly summary to Excel…</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../crm_desktop/ui/today/page.py" line="+18" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Today's plan and report</source>
        <translation>Today's plan and report</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+19" />
        <location line="+9" />
        <location line="+9" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="-37" />
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+159" />
        <source>Every planned visit is logged.</source>
        <translation>Every planned visit is logged.</translation>
    </message>
    <message>
        <location line="-154" />
        <location line="+158" />
        <source>Open today's plan and report</source>
        <translation>Open today's plan and report</translation>
    </message>
    <message>
        <location line="-155" />
        <source>Visits still to log</source>
        <translation>Visits still to log</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Appointments to confirm (for tomorrow)</source>
        <translation>Appointments to confirm (for tomorrow)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No appointments to confirm today.</source>
        <translation>No appointments to confirm today.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Follow-ups due</source>
        <translation>Follow-ups due</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+2" />
        <source>To do</source>
        <translation>To do</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No follow-ups due — well done.</source>
        <translation>No follow-ups due — well done.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Customers overdue for a visit</source>
        <translation>Customers overdue for a visit</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last effective visit</source>
        <translation>Last effective visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cadence</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No customer is overdue for a visit.</source>
        <translation>No customer is overdue for a visit.</translation>
    </message>
    <message>
        <location line="+76" />
        <source>%1 waiting for your review →</source>
        <translation>%1 waiting for your review →</translation>
    </message>
    <message>
        <location line="+12" />
        <source>No visit plan for today yet.</source>
        <translation>No visit plan for today yet.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Plan: %1 · %2 customers</source>
        <translation>Plan: %1 · %2 customers</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Today's report is not started yet.</source>
        <translation>Today's report is not started yet.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Report: %1 · %2 visits logged, %3 planned</source>
        <translation>Report: %1 · %2 visits logged, %3 planned</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Plan today's visits</source>
        <translation>Plan today's visits</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Due %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+3" />
        <source>1 day late</source>
        <translation>1 day late</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 days late</source>
        <translation>%1 days late</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Never visited</source>
        <translation>Never visited</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+1" />
        <source>%1 days</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location line="+9" />
        <source>%1 customers are overdue; the %2 most overdue are listed.</source>
        <translation>%1 customers are overdue; the %2 most overdue are listed.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 customers are overdue.</source>
        <translation>%1 customers are overdue.</translation>
    </message>
    <message>
        <location line="-63" />
        <source>The report is handed in: nothing more to log today.</source>
        <translation>The report is handed in: nothing more to log today.</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/report_totals.py" line="+66" />
        <source>Day totals</source>
        <translation>Day totals</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Day target</source>
        <translation>Day target</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Month to date</source>
        <translation>Month to date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Month target</source>
        <translation>Month target</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Effective visits</source>
        <translation>Effective visits</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Collections</source>
        <translation>Collections</translation>
    </message>
    <message>
        <location line="+19" />
        <source>No targets set for this month.</source>
        <translation>No targets set for this month.</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/visit_form.py" line="+184" />
        <source>Effective visit</source>
        <translation>Effective visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Complaint handled</source>
        <translation>Complaint handled</translation>
    </message>
    <message>
        <location line="+22" />
        <source>yuan, e.g. 1,200.50</source>
        <translation>yuan, e.g. 1,200.50</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Who you met, e.g. Manager Wang, Engineer Li</source>
        <translation>Who you met, e.g. Manager Wang, Engineer Li</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Contacts met</source>
        <translation>Contacts met</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Start – end</source>
        <translation>Start – end</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Order amount</source>
        <translation>Order amount</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Competitor info</source>
        <translation>Competitor info</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customer feedback</source>
        <translation>Customer feedback</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customer news</source>
        <translation>Customer news</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next step type / date</source>
        <translation>Next step type / date</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Market report…</source>
        <translation>Market report…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Complaint…</source>
        <translation>Complaint…</translation>
    </message>
    <message>
        <location line="+62" />
        <source>Planned visit</source>
        <translation>Planned visit</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Unplanned visit</source>
        <translation>Unplanned visit</translation>
    </message>
</context>
<context>
    <name>VisitTable</name>
    <message>
        <location filename="../../crm_desktop/ui/plans/visit_table.py" line="+34" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0" />
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+62" />
        <source>⚠ to fix</source>
        <translation>⚠ to fix</translation>
    </message>
    <message>
        <location line="+2" />
        <source>unplanned</source>
        <translation>unplanned</translation>
    </message>
    <message>
        <location line="+2" />
        <source>not filled in</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <location line="+1" />
        <source>planned</source>
        <translation>planned</translation>
    </message>
</context>
<context>
    <name>WeekTab</name>
    <message>
        <location filename="../../crm_desktop/ui/team/week_tab.py" line="+50" />
        <source>◀ Previous week</source>
        <translation>◀ Previous week</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next week ▶</source>
        <translation>Next week ▶</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Rep</source>
        <translation>Rep</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Effective rate</source>
        <translation>Effective rate</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Order amount</source>
        <translation>Order amount</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Collections</source>
        <translation>Collections</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New customers</source>
        <translation>New customers</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sales target %</source>
        <translation>Sales target %</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Collection target %</source>
        <translation>Collection target %</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Double-click a rep to see their days.</source>
        <translation>Double-click a rep to see their days.</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Team total</source>
        <translation>Team total</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Week %2 of %1 (%3 – %4)</source>
        <translation>Week %2 of %1 (%3 – %4)</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Nobody reports to you yet.</source>
        <translation>Nobody reports to you yet.</translation>
    </message>
</context>
<context>
    <name>WeeklySummaryDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/export/weekly_dialog.py" line="+58" />
        <source>Weekly summary to Excel</source>
        <translation>Weekly summary to Excel</translation>
    </message>
    <message>
        <location line="+17" />
        <source>My team (%1 reps)</source>
        <translation>My team (%1 reps)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>One rep</source>
        <translation>One rep</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Me</source>
        <translation>Me</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Choose where to save the .xlsx file…</source>
        <translation>Choose where to save the .xlsx file…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="-34" />
        <source>Cancel export</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rep</source>
        <translation>Rep</translation>
    </message>
    <message>
        <location line="+1" />
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Save the weekly summary</source>
        <translation>Save the weekly summary</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Choose where to save the file first.</source>
        <translation>Choose where to save the file first.</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Saved to %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The export failed; no file was written.</source>
        <translation>The export failed; no file was written.</translation>
    </message>
    <message>
        <location line="-39" />
        <source>Export cancelled; no file was written.</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
</context>
</TS>