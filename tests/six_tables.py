"""The six-language sample's table rewritten with a stub head over two header rows beside a spanner and
group headings across the body, and a text table after it, in all six languages (tests/test_tables.py)."""
TABLES = {
    "en": ("Region", "Replies", "Libraries", "Readers", "Developing regions", ("Africa", "Asia"), "Developed regions", "Europe",
           ("Kind", "Form", "Titles"), ("Books", "Printed", "Electronic", "Total")),
    "es": ("Región", "Respuestas", "Bibliotecas", "Lectores", "Regiones en desarrollo", ("África", "Asia"), "Regiones desarrolladas", "Europa",
           ("Tipo", "Formato", "Títulos"), ("Libros", "Impresos", "Electrónicos", "Total")),
    "fr": ("Région", "Réponses", "Bibliothèques", "Lecteurs", "Régions en développement", ("Afrique", "Asie"), "Régions développées", "Europe",
           ("Type", "Support", "Titres"), ("Livres", "Imprimés", "Électroniques", "Total")),
    "ru": ("Регион", "Ответы", "Библиотеки", "Читатели", "Развивающиеся регионы", ("Африка", "Азия"), "Развитые регионы", "Европа",
           ("Вид", "Форма", "Названия"), ("Книги", "Печатные", "Электронные", "Итого")),
    "zh": ("区域", "答复", "图书馆", "读者", "发展中区域", ("非洲", "亚洲"), "发达区域", "欧洲",
           ("类别", "形式", "种数"), ("图书", "印刷本", "电子本", "共计")),
    "ar": ("المنطقة", "الردود", "المكتبات", "القراء", "المناطق النامية", ("أفريقيا", "آسيا"), "المناطق المتقدمة", "أوروبا",
           ("النوع", "الشكل", "العناوين"), ("الكتب", "مطبوعة", "إلكترونية", "المجموع")),
}


def spanned(language: str, text: str) -> str:
    """A six-sample content file with its table's header and rows rewritten, and a text table after it."""
    region, replies, libraries, readers, developing, (africa, asia), developed, europe, heads, (books, printed, electronic, total) = TABLES[language]
    start = text.index("              header:\n")
    end = text.index("              source:", start)
    after = text.index("\n", end) + 1
    pad = " " * 16
    table = (f"              header:\n{pad}- [{region}, {replies}, <]\n{pad}- [^, {libraries}, {readers}]\n"
             f"              rows:\n{pad}- [{developing}, <, <]\n{pad}- [{africa}, 2100, 350000]\n{pad}- [{asia}, 4300, 910000]\n"
             f"{pad}- [{developed}, <, <]\n{pad}- [{europe}, 6100, 1200000]\n")
    text_table = (f"          - table:\n              header:\n{pad}- [{', '.join(heads)}]\n              rows:\n"
                  f"{pad}- [{books}, {printed}, 1200]\n{pad}- [{books}, {electronic}, 300]\n{pad}- [{total}, <, 1500]\n")
    return text[:start] + table + text[end:after] + text_table + text[after:]
