"""The partner REST API (/api/v1/): keyed, throttled, cursor-paginated, with a change feed for mirrors."""
