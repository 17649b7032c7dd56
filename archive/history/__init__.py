"""History: who or what made each change (context), the versions of an article or tag, and revert."""
