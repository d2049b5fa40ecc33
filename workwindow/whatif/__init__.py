"""What-ifs: compare variants of a scenario, tablets instead of injection, and why one person has no work."""
