"""Stage metadata: number, type, issuer, date, signer and title read from the sample texts."""


# Metadata read from the text, annotated from the sample documents' letterheads, datelines and signatures.
META = {
    "000": dict(identifier=None, type_code="KL", issuer="bo-chinh-tri", issued="2017-10-20", signer=None, title=None),
    "001": dict(identifier="858-BC/TU", type_code="BC", issuer="thanh-uy-ha-noi", issued="2025-09-29",
                signer="Bùi Thị Minh Hoài", title="PHÁT HUY TRUYỀN THỐNG NGÀN NĂM VĂN HIẾN VÀ ANH HÙNG"),
    "003": dict(identifier=None, type_code="TIN", issuer=None, issued="2017-11-20", signer=None,
                title="Hà Nội thí điểm mô hình chính quyền đô thị tại các quận"),
    "004": dict(identifier=None, type_code="TIN", issuer=None, issued="2025-06-16", signer=None,
                title="Tổng Bí thư Tô Lâm làm việc với Ban Thường vụ Thành ủy Hà Nội"),
}


def test_document_metadata_from_the_text(analysed):
    for key, want in META.items():
        m = analysed[key].meta
        got = dict(identifier=m.identifier, type_code=m.type_code, issuer=m.issuer and m.issuer.rsplit("/", 1)[1],
                   issued=str(m.issued), signer=m.signer, title=m.title and m.title[:len(want["title"] or "")] or None)
        assert got == want, key
