"""The counter: find a member in a keystroke or two, see the card, log a visit, top up.

``screen.CounterScreen`` is the start screen; the dialogs (new visit, top-up, member edit)
live beside it. Texts are in the catalogue ``resources/translations/counter_zh_CN.ts``.
"""
