"""The outbound queue (spec section 12): states, retry policy, delivery and the dispatcher.

Producers never import this package: they call ``rod_service.service.pushes.plaats_push``
inside their unit of work. Importing this package stays cheap (zeep is loaded by
``bezorger`` only), so ``config`` can use :mod:`.instellingen`.
"""
