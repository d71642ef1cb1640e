"""Words for the report's figures, payment methods and follow-up kinds, in zh and en."""

from __future__ import annotations

from ...i18n import define, translate

_LABELS = {
    "net_revenue": ("Net revenue", "净营业额"),
    "list_total": ("Revenue at list price", "原价合计"),
    "discounts": ("Discounts", "折扣"),
    "visits": ("Visits", "到店次数"),
    "walk_in_visits": ("Walk-in visits", "散客次数"),
    "voided_visits": ("Voided visits (excluded)", "已作废（不计入）"),
    "distinct_members": ("Members who visited", "到店会员数"),
    "returning_members": ("Returning members", "回头会员"),
    "first_time_members": ("First-time members", "首次到店会员"),
    "returning_rate": ("Returning rate", "回头率"),
    "new_members": ("New members", "新增会员"),
    "average_ticket": ("Average ticket", "客单价"),
    "stored_value": ("Stored value (liability)", "储值余额（负债）"),
    "opening": ("Opening balance", "期初余额"),
    "topups": ("Top-ups paid in", "充值实收"),
    "bonus": ("Top-up bonus", "充值赠送"),
    "spent": ("Spent on visits", "消费扣款"),
    "other": ("Refunds and adjustments", "退款及调整"),
    "closing": ("Closing balance", "期末余额"),
    "points": ("Points", "积分"),
    "points_issued": ("Points issued", "发放积分"),
    "points_redeemed": ("Points redeemed", "兑换积分"),
    "followups_raised": ("Follow-ups raised", "新增回访"),
    "followups_done": ("Follow-ups done", "完成回访"),
    "by_payment": ("By payment method", "按支付方式"),
    "by_category": ("By service category", "按服务类别"),
    "by_service": ("By service", "按服务项目"),
    "by_staff": ("By staff", "按员工"),
    "vs_previous_month": ("Against the previous month", "环比上月"),
    "vs_last_year": ("Against the same month last year", "同比去年同月"),
    "abc": ("ABC classes", "ABC 分类"),
    "segments": ("RFM segments", "RFM 分群"),
    "stages": ("Lifecycle stages", "生命周期阶段"),
    "date": ("Date", "日期"),
    "amount": ("Amount", "金额"),
    "count": ("Count", "数量"),
    "members": ("Members", "会员"),
    "total": ("Total", "合计"),
    "figure": ("Figure", "项目"),
    "value": ("Value", "数值"),
    "current": ("This month", "本月"),
    "previous": ("Then", "对比月"),
    "change": ("Change", "变化"),
    "change_pct": ("Change %", "变化率"),
    "unassigned": ("Unassigned", "未指定"),
    "other_items": ("Other items", "其他项目"),
    "walk_in": ("Walk-in", "散客"),
    "cash": ("Cash", "现金"),
    "card": ("Bank card", "银行卡"),
    "mobile": ("Mobile pay", "扫码支付"),
    "wechat": ("WeChat Pay", "微信支付"),
    "alipay": ("Alipay", "支付宝"),
    "other_pay": ("Other", "其他"),
    "stored_value_pay": ("Stored value", "储值支付"),
    "points_pay": ("Points", "积分抵扣"),
    "money_in": ("Money in", "实收款"),
    "revenue": ("Revenue", "营业收入"),
    "bonus_used": ("Bonus used", "赠送金额消耗"),
    "principal": ("Principal", "本金"),
    "bonus_part": ("Bonus", "赠送"),
    "voids": ("Voids", "作废"),
    "adjustments": ("Adjustments", "调整"),
    "kind_birthday": ("Birthday", "生日祝福"),
    "kind_aftercare": ("Aftercare", "服务后回访"),
    "kind_winback": ("Win-back", "唤回"),
    "kind_anniversary": ("Anniversary", "周年"),
    "report_title": ("Monthly report {month}", "{month} 月度报表"),
}
LABEL_IDS = {key: define(f"reports.label.{key}", en=en, zh=zh) for key, (en, zh) in _LABELS.items()}
METHOD_KEYS = {
    "cash": "cash",
    "card": "card",
    "mobile": "mobile",
    "wechat": "wechat",
    "alipay": "alipay",
    "other": "other_pay",
    "stored_value": "stored_value_pay",
    "points": "points_pay",
}


def label(key: str, lang: str | None = None, **params: object) -> str:
    msg = LABEL_IDS.get(key)
    return translate(msg, lang, **params) if msg else key


def method_label(method: str, lang: str | None = None) -> str:
    key = METHOD_KEYS.get(method)
    return label(key, lang) if key else method


def kind_label(kind: str, lang: str | None = None) -> str:
    return label(f"kind_{kind}", lang) if f"kind_{kind}" in LABEL_IDS else kind


def all_labels(lang: str | None = None) -> dict[str, str]:
    return {key: label(key, lang) for key in LABEL_IDS if key != "report_title"}
