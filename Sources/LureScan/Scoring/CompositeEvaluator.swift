/// Decides which composite rules fire on a document's hits: every indicator of `all`, at
/// least one of `any` (when given), none of `none`, with the required hits falling inside
/// one window of `characters` of normalized text. (A message window, for chats, is
/// checked by the conversation scorer; within one document it spans the whole text.)
struct CompositeEvaluator: Sendable {
    let composites: [Composite]

    init(library: IndicatorLibrary) {
        composites = library.composites
    }

    func fired(by hits: [Hit]) -> [Composite] {
        guard !hits.isEmpty else { return [] }
        let present = Set(hits.map(\.indicatorID))
        return composites.filter { composite in
            guard composite.all.allSatisfy(present.contains),
                  composite.any.isEmpty || composite.any.contains(where: present.contains),
                  !composite.none.contains(where: present.contains) else { return false }
            switch composite.window {
            case .messages: return true
            case .characters(let width): return fitsWindow(composite, hits: hits, width: width)
            }
        }
    }

    /// Slides a window over the involved hits, ordered by position, looking for one that
    /// holds every `all` indicator and one `any` indicator.
    private func fitsWindow(_ composite: Composite, hits: [Hit], width: Int) -> Bool {
        let involved = Set(composite.all + composite.any)
        let ordered = hits.filter { involved.contains($0.indicatorID) }.sorted { $0.normalizedRange.lowerBound < $1.normalizedRange.lowerBound }
        let anySet = Set(composite.any)
        var counts: [String: Int] = [:]
        var left = 0
        func satisfied() -> Bool {
            composite.all.allSatisfy { counts[$0, default: 0] > 0 } && (anySet.isEmpty || anySet.contains { counts[$0, default: 0] > 0 })
        }
        for right in ordered.indices {
            counts[ordered[right].indicatorID, default: 0] += 1
            while ordered[right].normalizedRange.upperBound - ordered[left].normalizedRange.lowerBound > width {
                counts[ordered[left].indicatorID]! -= 1
                left += 1
            }
            if satisfied() { return true }
        }
        return false
    }
}
