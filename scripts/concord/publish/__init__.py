"""Publishing: the Sphinx extension and the per-language edition builds."""
