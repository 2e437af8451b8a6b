"""zhengai：高职院校诊断与改进（诊改）工具包。

The package is library first: every command of the CLI is a thin wrapper over a
function of this package that returns values and never prints or exits.
"""

__version__ = "0.1.0"
