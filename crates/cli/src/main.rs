use clap::{Parser, Subcommand};
use std::path::PathBuf;
use yusuan_extractor::layout;

#[derive(Parser)]
#[command(name = "yusuan", version, about = "Chinese budget-disclosure PDFs to checked CSV")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print each page's text in reading order, pages separated by form feed.
    Text { file: PathBuf },
    /// Print the tables found in a PDF as JSON (for looking into a document).
    Tables { file: PathBuf },
}

fn main() {
    let cli = Cli::parse();
    match cli.command {
        Command::Text { file } => {
            let bytes = std::fs::read(&file).expect("read");
            match yusuan_extractor::read(&bytes) {
                Ok(doc) => {
                    for p in &doc.pages {
                        for l in layout::page_lines(p) {
                            println!("{}", l.text);
                        }
                        print!("\x0c");
                    }
                }
                Err(e) => {
                    eprintln!("error[{}]: {}", e.kind.name(), e.message);
                    std::process::exit(1);
                }
            }
        }
        Command::Tables { file } => {
            let bytes = std::fs::read(&file).expect("read");
            let doc = yusuan_extractor::read(&bytes).expect("read pdf");
            let tables = layout::find_tables(&doc);
            println!("{}", serde_json::to_string_pretty(&tables).unwrap());
        }
    }
}
