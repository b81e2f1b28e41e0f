"""Team 团队: who has not submitted, on-time rates, the team's week and a rep's days."""
