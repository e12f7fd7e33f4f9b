"""${{ values.name }}'s HTTP API."""
