"""The configuration: rule files and config files read, validated and frozen into a ``Config``.

Above the kinds (it builds each rule's typed options from its kind's schema) and below the
engine, which only reads a ``Config``.
"""

from .loader import load_config
from .model import Config

__all__ = ["Config", "load_config"]
