"""重点客户 Key accounts page (issue 16): account plans, teams, relationship maps, health
checks, events and the watch list."""
