fn main() {
    match zizhi::content::load_built_in() {
        Ok(c) => println!("{} items", c.item_count()),
        Err(p) => eprintln!("{p}"),
    }
}
