"""Words about a result: the plain-language summary, the Method text and the HTML brief."""
