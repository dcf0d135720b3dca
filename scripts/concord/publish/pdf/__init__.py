"""Print-grade PDF editions: ``build/pdf/<article>.<lang>.pdf`` with WeasyPrint.

``concord pdf`` (and ``make pdf``) builds every article of every edition:

* :mod:`.build` runs one print build per language (languages in parallel processes),
  gates each translation, and writes each PDF atomically;
* :mod:`.printext` is the Sphinx side: a ``concord-print`` builder with a bare theme
  (``theme/concord-print``) and the print-only doctree changes of :mod:`.footnotes`
  (each note moved to its call, marks glued to their word);
* :mod:`.render` typesets one page with ``print.css`` (A4, justified and hyphenated,
  notes at the foot of the page, running header, "page n of N" in the edition's
  language) into a PDF/UA-1 file with the article's metadata;
* :mod:`.fonts` finds the DejaVu faces the PDFs embed and checks they cover the text;
* :mod:`.hyphenation` generates the Turkish hyphenation dictionary ``hyph_tr_TR.dic``
  (Pyphen has none) and installs it with Turkish casing.
"""
