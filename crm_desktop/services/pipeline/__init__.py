"""The sales pipeline: opportunities, stages and the sales methods behind them."""
