import PackagePlugin

/// Compiles the YAML files of the target it is attached to (the `indicators/` folder)
/// into a Swift table, so the shipped library lives inside the binary.
@main
struct EmbedIndicators: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        let root = sourceTarget.directoryURL
        let yamlFiles = sourceTarget.sourceFiles
            .map(\.url)
            .filter { $0.pathExtension == "yml" || $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedIndicatorFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(yamlFiles.count) indicator files",
                executable: try context.tool(named: "IndicatorEmbedder").url,
                arguments: [root.path, output.path] + yamlFiles.map(\.path),
                inputFiles: yamlFiles,
                outputFiles: [output]
            )
        ]
    }
}
