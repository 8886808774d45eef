"""What a person or a tool reads about a register besides the register itself: ``reporters``
(findings as text, JSON or GitHub annotations), ``gaps`` (which Art. 30 points the sources state,
read by every renderer and by ``ropa diff``), ``gaps_report`` (``ropa gaps`` as text or JSON) and
``recipient_use`` (which activities involve each recipient, and how: one answer for every output)."""
