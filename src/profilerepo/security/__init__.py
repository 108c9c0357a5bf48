"""Who the user is and what they may do: roles, local roles, the policy, throttling."""
