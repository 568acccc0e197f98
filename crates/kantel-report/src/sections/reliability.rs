//! `#betrouwbaarheid`: Cronbach's alpha per survey scale, with alpha-if-item-deleted and the
//! corrected item-rest correlation per item.

use std::fmt::Write;

use super::open_section;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::{escape, f3_opt};
use crate::i18n::Lang;

/// The conventional lower bound for an acceptable alpha in survey research (Nunnally).
const ALPHA_ACCEPTABLE: f64 = 0.7;

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "betrouwbaarheid")?;
    let scales = &cx.input.measurement.scales;
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-rel-intro"))?;
    out.push_str(&cx.step_box(&cx.analysis().reliability));
    if scales.is_empty() {
        write!(out, "<p>{}</p>\n</section>\n", cx.t("report-rel-none"))?;
        return Ok(());
    }
    write!(
        out,
        "<table class=\"reliability\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">α</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-col-code"),
        cx.t("report-col-set"),
        cx.t("report-col-label"),
        cx.t("report-col-items"),
        cx.t("report-col-n-complete"),
        cx.t("report-col-remark"),
    )?;
    for s in scales {
        let remark = match (s.alpha, &s.note) {
            (_, Some(note)) => escape(note).into_owned(),
            (Some(a), None) if a < ALPHA_ACCEPTABLE => cx.t("report-rel-low"),
            _ => String::new(),
        };
        writeln!(
            out,
            "<tr><td>{}</td><td><a href=\"#rel-{id}\"><code>{id}</code></a></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"warn\">{remark}</td></tr>",
            escape(&s.code),
            escape(&cx.set_label(&s.set)),
            s.items.len(),
            s.n_complete,
            f3_opt(s.alpha),
            id = escape(&s.set),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");

    for s in scales {
        writeln!(
            out,
            "<h3 id=\"rel-{id}\">{} <code>{id}</code>: {} (α = {})</h3>",
            escape(&s.code),
            escape(&cx.set_label(&s.set)),
            f3_opt(s.alpha),
            id = escape(&s.set),
        )?;
        write!(
            out,
            "<table class=\"items\">\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
            cx.t("report-col-item"),
            cx.t("report-col-text"),
            cx.t("report-col-alpha-if-deleted"),
            cx.t("report-col-item-rest"),
        )?;
        for (i, item) in s.items.iter().enumerate() {
            let (text, reverse) =
                cx.input
                    .study
                    .item(item)
                    .map_or((String::new(), false), |(_, it)| {
                        let text = match cx.lang {
                            Lang::Nl => &it.text_nl,
                            Lang::En => &it.text_en,
                        };
                        (text.clone(), it.reverse)
                    });
            let aid = s.alpha_if_deleted.get(i).copied().flatten();
            // An item whose removal raises alpha weakens the scale.
            let weakens = matches!((aid, s.alpha), (Some(d), Some(a)) if d > a);
            writeln!(
                out,
                "<tr{}><td><code>{}</code>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                if weakens { " class=\"hl\"" } else { "" },
                escape(item),
                if reverse {
                    format!(" ({})", cx.t("report-rel-reversed"))
                } else {
                    String::new()
                },
                escape(&text),
                f3_opt(aid),
                f3_opt(s.item_rest.get(i).copied().flatten()),
            )?;
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}
