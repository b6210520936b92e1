/// Notices that iOS exports write in someone's name (`[date] Ana: ‎Messages and calls are
/// end-to-end encrypted…`): WhatsApp wrote them, not Ana, so they are system lines, not
/// messages. Recognised by their opening words in the languages we have seen exports in,
/// and only when they start with a direction mark, as WhatsApp's own text does. A notice in
/// another language stays a message of the chat's name: harmless, and never a lost message.
/// Deleted-message placeholders and media markers are not here: they are evidence.
enum WhatsAppSystemNotices {
    static let openings: [String] = [
        // End-to-end encryption notices.
        "Messages and calls are end-to-end encrypted",
        "Messages to this group are now secured with end-to-end encryption",
        "Messages you send to this chat and calls are now secured with end-to-end encryption",
        "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
        "Berichten en oproepen worden end-to-end versleuteld",
        "Les messages et les appels sont chiffrés de bout en bout",
        "Los mensajes y las llamadas están cifrados de extremo a extremo",
        "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
        "I messaggi e le chiamate sono crittografati end-to-end",
        "Zprávy a hovory jsou",
        "Pesan dan panggilan terenkripsi secara end-to-end",
        "Сообщения и звонки защищены сквозным шифрованием",
        "Tin nhắn và cuộc gọi được mã hóa đầu cuối",
        "メッセージと通話はエンドツーエンド暗号化されています",
        "ข้อความและการโทรได้รับการเข้ารหัส",
        "الرسائل والمكالمات مشفرة تمامًا بين الطرفين",
        // Security code changes.
        "Your security code with ",
        "Ваш код безопасности с ",
    ]

    /// True when the text in `range` is one of these notices, written with a leading mark.
    static func isNotice(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 3 else { return false }
        let first = UTF8Scalars.decode(bytes, at: range.lowerBound).scalar
        guard first == 0x200E || first == 0x200F else { return false }
        // The openings are short: the first 200 bytes suffice (and keep a 1 GB line cheap).
        let head = bytes[range.lowerBound..<min(range.upperBound, range.lowerBound + 200)]
        let text = WhatsAppMarks.cleaned(String(decoding: UnsafeBufferPointer(rebasing: head), as: UTF8.self))
        return openings.contains { text.hasPrefix($0) }
    }
}
