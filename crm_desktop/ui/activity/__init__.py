"""Market reports 市场信息, complaints 客户投诉 and follow-ups 待办: dialogs and pages."""
