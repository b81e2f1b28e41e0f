"""Pipeline 商机: the board by stage, the list, the opportunity card, the stage change
dialog, the sales-method admin and the 撞单 report (SPEC §2.6, §3)."""
