"""Helpers below every layer: clock, fingerprint, expiry, YAML-with-schema reading, JSON Schema validation.

Nothing here imports spaCy, Faust or Kafka clients, and nothing here imports another layer of the package.
"""
