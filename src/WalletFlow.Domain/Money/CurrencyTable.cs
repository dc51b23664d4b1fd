namespace WalletFlow.Domain.Money;

/// <summary>
/// The authoritative scale table. ISO 4217 List One as in force from 2026-01-01: the list published 2024-06-25
/// with amendments 176 (XCG replaces ANG), 178 (CUC withdrawn), 179 (XAD added) and 180 (BGN withdrawn, Bulgaria
/// uses EUR). Codes whose minor unit is "N.A." (precious metals XAU XAG XPD XPT, bond-market units XBA XBB XBC XBD,
/// XDR, XSU, XUA, the test code XTS and XXX) are left out on purpose: they have no scale, and guessing one is
/// exactly the mistake this table exists to prevent. The stablecoins WalletFlow moves are added at their on-chain
/// precision.
/// </summary>
internal static class CurrencyTable
{
    public static readonly IReadOnlyList<Currency> Iso4217 =
    [
        new("AED", 2), // UAE Dirham
        new("AFN", 2), // Afghani
        new("ALL", 2), // Lek
        new("AMD", 2), // Armenian Dram
        new("AOA", 2), // Kwanza
        new("ARS", 2), // Argentine Peso
        new("AUD", 2), // Australian Dollar
        new("AWG", 2), // Aruban Florin
        new("AZN", 2), // Azerbaijan Manat
        new("BAM", 2), // Convertible Mark
        new("BBD", 2), // Barbados Dollar
        new("BDT", 2), // Taka
        new("BHD", 3), // Bahraini Dinar
        new("BIF", 0), // Burundi Franc
        new("BMD", 2), // Bermudian Dollar
        new("BND", 2), // Brunei Dollar
        new("BOB", 2), // Boliviano
        new("BOV", 2), // Mvdol
        new("BRL", 2), // Brazilian Real
        new("BSD", 2), // Bahamian Dollar
        new("BTN", 2), // Ngultrum
        new("BWP", 2), // Pula
        new("BYN", 2), // Belarusian Ruble
        new("BZD", 2), // Belize Dollar
        new("CAD", 2), // Canadian Dollar
        new("CDF", 2), // Congolese Franc
        new("CHE", 2), // WIR Euro
        new("CHF", 2), // Swiss Franc
        new("CHW", 2), // WIR Franc
        new("CLF", 4), // Unidad de Fomento
        new("CLP", 0), // Chilean Peso
        new("CNY", 2), // Yuan Renminbi
        new("COP", 2), // Colombian Peso
        new("COU", 2), // Unidad de Valor Real
        new("CRC", 2), // Costa Rican Colon
        new("CUP", 2), // Cuban Peso
        new("CVE", 2), // Cabo Verde Escudo
        new("CZK", 2), // Czech Koruna
        new("DJF", 0), // Djibouti Franc
        new("DKK", 2), // Danish Krone
        new("DOP", 2), // Dominican Peso
        new("DZD", 2), // Algerian Dinar
        new("EGP", 2), // Egyptian Pound
        new("ERN", 2), // Nakfa
        new("ETB", 2), // Ethiopian Birr
        new("EUR", 2), // Euro
        new("FJD", 2), // Fiji Dollar
        new("FKP", 2), // Falkland Islands Pound
        new("GBP", 2), // Pound Sterling
        new("GEL", 2), // Lari
        new("GHS", 2), // Ghana Cedi
        new("GIP", 2), // Gibraltar Pound
        new("GMD", 2), // Dalasi
        new("GNF", 0), // Guinean Franc
        new("GTQ", 2), // Quetzal
        new("GYD", 2), // Guyana Dollar
        new("HKD", 2), // Hong Kong Dollar
        new("HNL", 2), // Lempira
        new("HTG", 2), // Gourde
        new("HUF", 2), // Forint
        new("IDR", 2), // Rupiah
        new("ILS", 2), // New Israeli Sheqel
        new("INR", 2), // Indian Rupee
        new("IQD", 3), // Iraqi Dinar
        new("IRR", 2), // Iranian Rial
        new("ISK", 0), // Iceland Krona
        new("JMD", 2), // Jamaican Dollar
        new("JOD", 3), // Jordanian Dinar
        new("JPY", 0), // Yen
        new("KES", 2), // Kenyan Shilling
        new("KGS", 2), // Som
        new("KHR", 2), // Riel
        new("KMF", 0), // Comorian Franc
        new("KPW", 2), // North Korean Won
        new("KRW", 0), // Won
        new("KWD", 3), // Kuwaiti Dinar
        new("KYD", 2), // Cayman Islands Dollar
        new("KZT", 2), // Tenge
        new("LAK", 2), // Lao Kip
        new("LBP", 2), // Lebanese Pound
        new("LKR", 2), // Sri Lanka Rupee
        new("LRD", 2), // Liberian Dollar
        new("LSL", 2), // Loti
        new("LYD", 3), // Libyan Dinar
        new("MAD", 2), // Moroccan Dirham
        new("MDL", 2), // Moldovan Leu
        new("MGA", 2), // Malagasy Ariary
        new("MKD", 2), // Denar
        new("MMK", 2), // Kyat
        new("MNT", 2), // Tugrik
        new("MOP", 2), // Pataca
        new("MRU", 2), // Ouguiya
        new("MUR", 2), // Mauritius Rupee
        new("MVR", 2), // Rufiyaa
        new("MWK", 2), // Malawi Kwacha
        new("MXN", 2), // Mexican Peso
        new("MXV", 2), // Mexican Unidad de Inversion (UDI)
        new("MYR", 2), // Malaysian Ringgit
        new("MZN", 2), // Mozambique Metical
        new("NAD", 2), // Namibia Dollar
        new("NGN", 2), // Naira
        new("NIO", 2), // Cordoba Oro
        new("NOK", 2), // Norwegian Krone
        new("NPR", 2), // Nepalese Rupee
        new("NZD", 2), // New Zealand Dollar
        new("OMR", 3), // Rial Omani
        new("PAB", 2), // Balboa
        new("PEN", 2), // Sol
        new("PGK", 2), // Kina
        new("PHP", 2), // Philippine Peso
        new("PKR", 2), // Pakistan Rupee
        new("PLN", 2), // Zloty
        new("PYG", 0), // Guarani
        new("QAR", 2), // Qatari Rial
        new("RON", 2), // Romanian Leu
        new("RSD", 2), // Serbian Dinar
        new("RUB", 2), // Russian Ruble
        new("RWF", 0), // Rwanda Franc
        new("SAR", 2), // Saudi Riyal
        new("SBD", 2), // Solomon Islands Dollar
        new("SCR", 2), // Seychelles Rupee
        new("SDG", 2), // Sudanese Pound
        new("SEK", 2), // Swedish Krona
        new("SGD", 2), // Singapore Dollar
        new("SHP", 2), // Saint Helena Pound
        new("SLE", 2), // Leone
        new("SOS", 2), // Somali Shilling
        new("SRD", 2), // Surinam Dollar
        new("SSP", 2), // South Sudanese Pound
        new("STN", 2), // Dobra
        new("SVC", 2), // El Salvador Colon
        new("SYP", 2), // Syrian Pound
        new("SZL", 2), // Lilangeni
        new("THB", 2), // Baht
        new("TJS", 2), // Somoni
        new("TMT", 2), // Turkmenistan New Manat
        new("TND", 3), // Tunisian Dinar
        new("TOP", 2), // Pa'anga
        new("TRY", 2), // Turkish Lira
        new("TTD", 2), // Trinidad and Tobago Dollar
        new("TWD", 2), // New Taiwan Dollar
        new("TZS", 2), // Tanzanian Shilling
        new("UAH", 2), // Hryvnia
        new("UGX", 0), // Uganda Shilling
        new("USD", 2), // US Dollar
        new("USN", 2), // US Dollar (Next day)
        new("UYI", 0), // Uruguay Peso en Unidades Indexadas (UI)
        new("UYU", 2), // Peso Uruguayo
        new("UYW", 4), // Unidad Previsional
        new("UZS", 2), // Uzbekistan Sum
        new("VED", 2), // Bolívar Soberano
        new("VES", 2), // Bolívar Soberano
        new("VND", 0), // Dong
        new("VUV", 0), // Vatu
        new("WST", 2), // Tala
        new("XAD", 2), // Arab Accounting Dinar
        new("XAF", 0), // CFA Franc BEAC
        new("XCD", 2), // East Caribbean Dollar
        new("XCG", 2), // Caribbean Guilder
        new("XOF", 0), // CFA Franc BCEAO
        new("XPF", 0), // CFP Franc
        new("YER", 2), // Yemeni Rial
        new("ZAR", 2), // Rand
        new("ZMW", 2), // Zambian Kwacha
        new("ZWG", 2), // Zimbabwe Gold
    ];

    /// <summary>USDC and USDT are issued with 6 decimals on every network WalletFlow uses.</summary>
    public static readonly IReadOnlyList<Currency> Stablecoins =
    [
        new("USDC", 6, isStablecoin: true),
        new("USDT", 6, isStablecoin: true),
    ];
}
