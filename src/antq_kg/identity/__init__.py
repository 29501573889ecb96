"""Identity: the one home of who-is-the-same. Which mentions, in one article or in several, are one entity.

The package: :mod:`.records` (:class:`~.records.Identity` and the organisation records), :mod:`.levels`
(the administrative level of a place or unit), :mod:`.rules` (the rules that need no article:
initiatives, authors, posts, the organisation serving a gazetteer unit), :mod:`.lineage` (an
organisation followed through the reorganisations) and :mod:`.article` (:class:`~.article.ArticleIdentities`,
the rules applied in one article: places, organisations, bodies, persons).

Pure functions and one per-article context over the typed records of :mod:`antq_kg.model` and the
gazetteer's resolution (no RDF library here): each rule gives an :class:`Identity` — ``key``, the
string compared; ``basis``, why, in one English sentence (the graph writes it as
``antq:identityBasis``, ``antq-kg explain`` and the resource pages show it); ``scope``, ``"corpus"``
when articles share the entity, ``"article"`` when it belongs to one article; and ``path``, the IRI
path (slugs by :func:`antq_kg.iris.slug`, which keeps every distinction the text makes) that
:meth:`antq_kg.iris.Minter.mint` turns into the entity's IRI. Nothing else decides sameness.
Identities carry no mutable fact: rank, posts and memberships are dated statements of the articles.

- **Places**: one entity per gazetteer unit *version* (``c12118-2019`` xã Nhân Hòa to 2019-04-30,
  ``c12118`` phường Nhân Hòa after), resolved as of the article's date and in its province, whatever
  the written chain; a residential unit (thôn, xóm, ấp, tổ dân phố…) is its folded name under the
  commune unit it was resolved in ("thôn Hà" and "thôn Hạ" of one commune are two); a place the
  gazetteer does not resolve belongs to its article (its written chain); with no gazetteer, a place
  is its written chain.
- **Organisations**: one naming a unit is its canonical head (abbreviations written out, "CA" →
  "Công an", and the written forms of ``lexicons/orgs_heads.tsv`` brought to one: "Ủy ban MTTQ",
  "Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam") plus the unit version it serves, so "CA
  tỉnh Hưng Yên" and "Công an tỉnh Hưng Yên" are one while the pre- and post-2025 police of a province
  are two; one naming no unit is its folded name; a bare "Công an tỉnh", or one whose unit is not
  resolved, belongs to its article. A body a post's phrase names ("Ủy viên Ban Thường vụ Tỉnh ủy") is
  the body of that level above the person's organisation (else of the article's province).
- **Persons**: the folded name plus the *lineage* of the organisation of their posts: the unit the
  organisation serves followed through the reorganisations to the last unit it uniquely became — a
  division of a police ("Phòng Tham mưu Công an tỉnh …") follows its police; the
  district police ended on 2025-03-01 and their work went to the provincial police; a unit of the
  gazetteer with one successor and no split flag became that successor (the provinces and communes
  merged on 2025-07-01, the 2019 mergers and upgrades). Same name and same lineage in two articles is
  one person: a promotion keeps the person, and so does the reform (the director of Công an tỉnh Thái
  Bình in 2024 is the director of the merged Công an tỉnh Hưng Yên in 2025, a commune police chief
  stays one across the merger of communes); a unit split among several successors ends the lineage,
  so nothing is merged across a split. Two namesakes in two organisations that a merger made one are
  one person (the rule has no other evidence to tell them apart). The name alone never merges two
  people; with no organisation a person belongs to its article. A residential unit's organisation
  (a village branch) has no lineage: it is its own.
- **Posts**: one per organisation (version) and role, shared by every holder and article.
- **Initiatives**: the folded name; the ANTQ movement is one entity in all its written forms
  (``lexicons/campaigns_antq.tsv``).
- **Authors**: the byline, folded: one author across articles.
"""
