"""Monte Carlo mornings: how much of a fixed plan is delivered when people and doses vary."""
