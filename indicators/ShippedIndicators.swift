/// The indicator library shipped inside the binary. `files` is generated at build time
/// from the YAML files in this folder by the EmbedIndicators plugin.
public enum ShippedIndicators {}
