"""Money an accountant can close: payment methods, the money ledger, closed months and the
month's money figures. See docs/visits-and-wallet.md ("Money")."""
