"""Business rules, grouped by message as in the spec (section 5). Each rule is a small pure
function returning signals with the spec's code and citing the handbook it comes from."""
