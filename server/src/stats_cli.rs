//! `server stats analyze [FILE]`: reads an analysis request (JSON, from FILE
//! or standard input) and prints the engine's analysis (`app::domain::stats`)
//! as JSON on stdout, the same shape the API and the results page use, so
//! analysts can script it. docs/statistics.md documents input and output.

use app::domain::stats::analyze_json;
use clap::Subcommand;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Analyse an experiment's sufficient statistics, or size one: reads JSON
    /// such as {"metric":"proportion","arms":[{"name":"control","users":1000,
    /// "conversions":52},{"name":"v1","users":1000,"conversions":67}]} and
    /// writes the analysis as JSON.
    Analyze {
        /// The request file; standard input when absent or "-".
        file: Option<PathBuf>,
    },
}

pub fn run(command: &StatsCommand) -> ExitCode {
    match command {
        StatsCommand::Analyze { file } => match analyze(file.as_deref()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err((code, message)) => {
                eprintln!("error: {message}");
                ExitCode::from(code)
            }
        },
    }
}

/// The analysis as pretty JSON, or the exit code and message: 2 for input
/// the engine refuses (as for a usage error), 1 when the file cannot be read.
pub fn analyze(file: Option<&std::path::Path>) -> Result<String, (u8, String)> {
    let input = match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read_to_string(path)
            .map_err(|e| (1, format!("cannot read {}: {e}", path.display())))?,
        _ => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| (1, format!("cannot read standard input: {e}")))?;
            s
        }
    };
    let analysis = analyze_json(&input).map_err(|e| (2, e.to_string()))?;
    serde_json::to_string_pretty(&analysis).map_err(|e| (1, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyses_a_file_and_refuses_bad_input_with_exit_code_2() {
        let dir = std::env::temp_dir().join(format!("stats-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.json");
        std::fs::write(
            &good,
            r#"{"metric":"proportion","arms":[{"name":"control","users":1000,"conversions":52},{"name":"v1","users":1000,"conversions":67}]}"#,
        )
        .unwrap();
        let out: serde_json::Value = serde_json::from_str(&analyze(Some(&good)).unwrap()).unwrap();
        assert!(out["comparisons"]["v1"]["z_unpooled"]["p_value"].is_number());
        let bad = dir.join("bad.json");
        std::fs::write(
            &bad,
            r#"{"metric":"proportion","arms":[{"name":"c","users":1,"conversions":2}]}"#,
        )
        .unwrap();
        assert_eq!(analyze(Some(&bad)).unwrap_err().0, 2);
        assert_eq!(analyze(Some(&dir.join("missing.json"))).unwrap_err().0, 1);
        std::fs::remove_dir_all(&dir).ok();
    }
}
