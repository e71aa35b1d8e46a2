//! Device models for system mode. Not built yet: system mode is issue 5.
