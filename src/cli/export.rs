//! `zizhi export`: a report as Markdown or CSV, to a file or to standard output.

use std::io::{self, Write};
use std::path::Path;

use crate::report::{self, Format, Report};

/// Writes the report to `output` (whole, so a failed write leaves no half file behind the
/// message) or to `out`. Returns what to tell the user when a file was written.
pub fn write_export(
    out: &mut dyn Write,
    format: Format,
    output: Option<&Path>,
    report: &Report,
) -> Result<Option<String>, String> {
    let mut buffer = Vec::new();
    report::write(format, &mut buffer, report).map_err(|e| format!("生成报告失败：{e}"))?;
    match output {
        None => {
            out.write_all(&buffer)
                .and_then(|()| out.flush())
                .map_err(|e: io::Error| format!("输出失败：{e}"))?;
            Ok(None)
        }
        Some(path) => {
            std::fs::write(path, &buffer)
                .map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
            let what = match format {
                Format::Csv => format!(
                    "{} 条整改项（CSV，UTF-8 带 BOM，可直接用 Excel 打开）",
                    report.progress.rectifications.len()
                ),
                Format::Md => "Markdown 报告".to_owned(),
                Format::Html => "HTML 报告（单文件，可直接用浏览器打开或打印为 A4）".to_owned(),
            };
            Ok(Some(format!("已写入 {}：{what}", path.display())))
        }
    }
}
