"""Printed forms (issue 17): the daily plan 每日拜访计划表 and the daily report 每日销售报告表
as the training manual's paper forms F1 and F2, for PDF and the printer."""
