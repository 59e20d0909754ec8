/// A person's name as shown, plus an ASCII form for logins and email addresses.
public struct PersonName: Sendable, Hashable {
    /// Given name as displayed (may contain any Unicode).
    public var first: String
    /// Family name as displayed.
    public var last: String
    /// ASCII, lower-case form of the given name for logins (never empty).
    public var asciiFirst: String
    /// ASCII, lower-case form of the family name (never empty).
    public var asciiLast: String
}

/// Word lists for realistic generated tenants: names with accents, apostrophes and non-Latin
/// scripts, department and team names, and well-known applications.
public enum NameBank {
    /// Draws a person's name.
    public static func person(_ rng: inout SplitMix64) -> PersonName {
        let first = rng.pick(firstNames)
        let last = rng.pick(lastNames)
        return PersonName(first: first.0, last: last.0, asciiFirst: first.1, asciiLast: last.1)
    }

    /// Given names and their ASCII login forms.
    public static let firstNames: [(String, String)] = [
        ("Ada", "ada"), ("Grace", "grace"), ("Alan", "alan"), ("Linus", "linus"), ("Margaret", "margaret"),
        ("José", "jose"), ("Zoë", "zoe"), ("Łukasz", "lukasz"), ("Søren", "soren"), ("Chloé", "chloe"),
        ("Björn", "bjorn"), ("Ñuño", "nuno"), ("Dmitri", "dmitri"), ("Priya", "priya"), ("Wei", "wei"),
        ("Yuki", "yuki"), ("Olusegun", "olusegun"), ("Fatima", "fatima"), ("Mateo", "mateo"), ("Aoife", "aoife"),
        ("François", "francois"), ("Jürgen", "jurgen"), ("Renée", "renee"), ("Ngozi", "ngozi"), ("Kai", "kai"),
        ("Sven", "sven"), ("Amara", "amara"), ("Hiroshi", "hiroshi"), ("Émile", "emile"), ("Ingrid", "ingrid"),
        ("美咲", "misaki"), ("Анна", "anna"), ("Mary-Jane", "maryjane"), ("D'Arcy", "darcy"), ("Siobhán", "siobhan"),
        ("Raj", "raj"), ("Leilani", "leilani"), ("Omar", "omar"), ("Elif", "elif"), ("Thảo", "thao"),
    ]

    /// Family names and their ASCII login forms.
    public static let lastNames: [(String, String)] = [
        ("Lovelace", "lovelace"), ("Hopper", "hopper"), ("Turing", "turing"), ("Torvalds", "torvalds"),
        ("Hamilton", "hamilton"), ("García", "garcia"), ("Müller", "muller"), ("Kowalski", "kowalski"),
        ("Kierkegaard", "kierkegaard"), ("Dubois", "dubois"), ("Åström", "astrom"), ("Núñez", "nunez"),
        ("Ivanov", "ivanov"), ("Patel", "patel"), ("Zhang", "zhang"), ("Tanaka", "tanaka"), ("Adeyemi", "adeyemi"),
        ("Al-Farsi", "alfarsi"), ("Rossi", "rossi"), ("O'Brien", "obrien"), ("Lefèvre", "lefevre"),
        ("Schröder", "schroder"), ("van der Berg", "vanderberg"), ("Okafor", "okafor"), ("Nakamura", "nakamura"),
        ("Lindqvist", "lindqvist"), ("Mensah", "mensah"), ("Sato", "sato"), ("Çelik", "celik"), ("Nguyễn", "nguyen"),
        ("佐藤", "sato"), ("Смирнова", "smirnova"), ("Smith-Jones", "smithjones"), ("MacDonald", "macdonald"),
        ("Ó Súilleabháin", "osuilleabhain"), ("Kumar", "kumar"), ("Kealoha", "kealoha"), ("Haddad", "haddad"),
        ("Yılmaz", "yilmaz"), ("Tran", "tran"),
    ]

    /// Department and function names for groups.
    public static let departments: [String] = [
        "Engineering", "Sales", "Marketing", "Finance", "Legal", "Support", "Security", "IT", "Design", "Research",
        "Operations", "People", "Data", "Platform", "Mobile", "Infrastructure", "Procurement", "Partnerships",
        "Recherche & Développement", "Qualität", "Ventas", "営業", "Facilities", "Customer Success",
    ]

    /// Qualifiers that make group names distinct.
    public static let groupQualifiers: [String] = [
        "Admins", "Contractors", "Managers", "EMEA", "APAC", "Americas", "Interns", "On-call", "Leads", "Readers",
        "Writers", "Alumni", "Project Ω", "Berlin", "São Paulo", "Tokyo", "Remote", "Core", "Guild", "Beta testers",
    ]

    /// Well-known applications: (internal name, label).
    public static let applications: [(String, String)] = [
        ("salesforce", "Salesforce"), ("slack", "Slack"), ("zoomus", "Zoom"), ("github", "GitHub"),
        ("atlassian", "Jira Cloud"), ("google", "Google Workspace"), ("office365", "Microsoft 365"),
        ("box", "Box"), ("dropbox_for_business", "Dropbox"), ("aws_console", "AWS Console"),
        ("workday", "Workday"), ("servicenow_ud", "ServiceNow"), ("zendesk", "Zendesk"), ("notion", "Notion"),
        ("figma", "Figma"), ("datadog", "Datadog"), ("pagerduty", "PagerDuty"), ("tableau", "Tableau"),
        ("hubspot", "HubSpot"), ("docusign", "DocuSign"), ("bookmark", "Intranet ☕"), ("oidc_client", "Portail RH"),
    ]
}
