"""Posts and the organisation they are held in, as written next to a person's name.

A list of posts ("Phó Bí thư Đảng ủy, Phó Giám đốc Công an tỉnh X") is read from its first post
(``people_posts.tsv``, by kind): the organisation leaves the post ("Bí thư Đảng ủy xã X" → "Bí thư" of
"Đảng ủy xã X"), except for Party posts in a shared list, which keep their committee word ("Ủy viên
Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh"); village roles keep the whole title ("già làng",
"Trưởng bản"); a sub-unit's head names its sub-unit ("Trưởng đồn Biên phòng X"). The person's
organisation is the one named after the last post.
"""

from __future__ import annotations

import re

from ...text import Span, name_key
from ..names import name_words, read_name, read_phrase, read_unit_name
from ..organisations import OrgMention, OrgReader


class PostReader:
    """Reads the posts written next to a name and the organisation they are held in."""

    def __init__(self, orgs: OrgReader) -> None:
        self.orgs = orgs
        self.d = orgs.d

    def read_posts(self, pos: int) -> tuple[list[tuple[str, Span]], OrgMention | None, int]:
        """A list of posts from ``pos`` ("Phó Bí thư Đảng ủy, Phó Giám đốc Công an tỉnh X")."""
        lex = name_words()
        d = self.d
        posts: list[tuple[str, Span]] = []
        org: OrgMention | None = None
        p = d.skip_spaces(pos)
        end = pos
        # "Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh": the list goes on past an
        # organisation; the person's organisation is the one named after the last post
        checkpoints: list[tuple[int, OrgMention, int]] = []
        while True:
            m = lex.post_re.match(d.folded, p)
            if m is None:
                break
            surface = d.text[p : m.end()]
            entry = lex.posts[name_key(re.sub(r"^(?:[Pp]hó)\s+", "", surface))]
            _, kind, org_head = entry
            after = m.end()
            # "Trưởng" alone is a post only before an organisation
            if (
                kind == "org"
                and name_key(surface.split()[-1]) == "trưởng"
                and lex.head_re.match(d.folded, d.skip_spaces(after)) is None
            ):
                break
            posts.append((surface, Span(p, m.end())))
            end = after
            if kind == "whole":
                unit_end = self.orgs.level_unit_end(after)
                if unit_end is not None:
                    end = unit_end
                else:
                    name = read_unit_name(d, after)
                    if name is not None:
                        end = name[1]
            elif kind == "sub":
                o = self.orgs.read_org(after, standalone=False, in_post=True)
                if o is not None and name_key(o.name).startswith(name_key(org_head)):
                    org, end = o, o.end
                elif org_head.islower():
                    end = self.orgs.level_unit_end(after) or end
                else:
                    phrase = read_phrase(d, after)
                    if phrase is not None:
                        written = d.text[phrase[0] : phrase[1]]
                        # "Trưởng đồn Biên phòng X" names the unit without its head word,
                        # "Đồn trưởng Đồn Biên phòng X" with it
                        repeated = name_key(written).startswith(name_key(org_head) + " ")
                        o = self.orgs.attach_parent(
                            phrase[0],
                            phrase[1],
                            written if repeated else f"{org_head} {written}",
                            comma=True,
                        )
                        org, end = o, o.end
            elif kind == "party" and self.orgs.level_at(after) is not None:
                # "Bí thư Đảng ủy xã Di Linh": the post is "Bí thư", the organisation the
                # commune's Party committee (the post keeps "Đảng ủy" only when it shares the
                # organisation of the next post: "Bí thư Đảng ủy, Chủ tịch UBND xã")
                q = p + d.folded[p : m.end()].rfind("đảng")
                o = self.orgs.read_org(q, standalone=False)
                if o is not None:
                    head = d.text[p:q].rstrip()
                    posts[-1] = (head, Span(p, p + len(head)))
                    org, end = o, o.end
            elif kind in ("org", "party"):
                q = d.skip_spaces(after)
                o = self.orgs.read_org(q, standalone=False) if lex.head_re.match(d.folded, q) else None
                if o is not None:
                    org, end = o, o.end
                elif kind == "org" and name_key(surface).endswith("trụ trì"):
                    o = self._bare_pagoda(after)
                    if o is not None:
                        org, end = o, o.end
            sep = re.match(r"[^\S\n]*,[^\S\n]*", d.text[end : end + 4])
            if sep is None or lex.post_re.match(d.folded, end + sep.end()) is None:
                break
            hm = lex.head_re.match(d.folded, org.begin) if org is not None else None
            if org is not None and hm is not None and org.kind in ("committee", "party"):
                # "Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh": a Party post in a list
                # keeps its committee word, like "Bí thư Đảng ủy"; the organisation is the last one's
                last = posts[-1][1]
                if org.begin >= last.end:
                    posts[-1] = (d.text[last.begin : hm.end()], Span(last.begin, hm.end()))
            if org is not None:
                checkpoints.append((len(posts), org, end))
            p = end + sep.end()
        if checkpoints and org is not checkpoints[-1][1] and self.person_follows(end):
            # "…, Phó Chủ tịch UBND huyện, Trưởng Công an huyện X, Thượng tá Y": the last
            # post and organisation are Y's, written before Y's rank
            n, org, end = checkpoints[-1]
            posts = posts[:n]
        return posts, org, end

    def person_follows(self, pos: int) -> bool:
        """True when a rank or honorific and a capitalised name follow ``pos``."""
        m = re.match(r"[^\S\n]*,?[^\S\n]*", self.d.text[pos : pos + 4])
        q = pos + (m.end() if m else 0)
        t = name_words().trigger_re.match(self.d.folded, q)
        return t is not None and read_name(self.d, t.end()) is not None

    def _bare_pagoda(self, pos: int) -> OrgMention | None:
        m = re.match(r"[^\S\n]*chùa(?![\w])", self.d.folded[pos : pos + 8])
        if m is None:
            return None
        for org in self.orgs.recent_orgs():
            if org.kind == "pagoda" and org.begin < pos:
                return OrgMention(org.name, org.key, pos, pos + m.end(), "pagoda")
        return None


#: a residential type word ending a group's name with no name of its own ("Chi hội Phụ nữ bản")
