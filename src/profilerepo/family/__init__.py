"""The family's half of the record: who holds the family's rights, the grants they make,
designees, and what they hide from future providers."""
