"""What operators read in the event log about the running site."""
