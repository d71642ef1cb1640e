"""The Follow-ups screen: the day's list by rule, message texts to copy, outcomes, export.

Texts are in the catalogue ``resources/translations/followups_zh_CN.ts``.
"""
