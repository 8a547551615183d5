package com.jm.job.master.importer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source database URL the import may connect to: {@code jdbc:mysql://host[:port]/database} or the
 * same with {@code jdbc:mariadb://}, one host, and only options from a short list that change
 * neither what the driver loads nor what it runs. A JDBC URL is code as much as an address: other
 * drivers' URLs run scripts at connect time (H2's {@code INIT}), and MySQL drivers have options that
 * deserialize server data into objects ({@code autoDeserialize}), load classes named in the URL
 * (interceptors, socket factories, authentication plugins), read local files for the server ({@code
 * allowLoadLocalInfile}) or run statements ({@code sessionVariables}). So everything not listed is
 * refused, and the import connects with MySQL Connector/J itself, never through whichever driver
 * claims the URL.
 *
 * @param jdbcUrl the URL Connector/J is given ({@code jdbc:mysql://}, also for a MariaDB server)
 * @param display the URL as given, for messages
 */
public record SourceUrl(String jdbcUrl, String display) {

    /** Options that only tune the connection: TLS, time zone, time-outs, character set. */
    static final Set<String> ACCEPTED_OPTIONS = Set.of(
            "useSSL",
            "sslMode",
            "requireSSL",
            "verifyServerCertificate",
            "tlsVersions",
            "enabledTLSProtocols",
            "serverTimezone",
            "connectionTimeZone",
            "connectTimeout",
            "socketTimeout",
            "characterEncoding",
            "useUnicode",
            "allowPublicKeyRetrieval",
            "zeroDateTimeBehavior",
            "tcpKeepAlive");

    /** Options refused with a reason of their own, so the message says what they would have done. */
    private static final Map<String, String> DANGEROUS = dangerous();

    private static final Pattern URL = Pattern.compile(
            "jdbc:(mysql|mariadb)://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?/([A-Za-z0-9_$\\-]+)(?:\\?(.*))?");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:/+\\-]*");

    /**
     * Checks a URL given on the command line.
     *
     * @throws RefusedSourceException naming what is refused and why
     */
    public static SourceUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new RefusedSourceException("--source-url is missing: give jdbc:mysql://host[:port]/database");
        }
        String given = url.strip();
        if (!given.regionMatches(true, 0, "jdbc:mysql://", 0, 13)
                && !given.regionMatches(true, 0, "jdbc:mariadb://", 0, 15)) {
            throw new RefusedSourceException("refused source URL " + given + ": only jdbc:mysql:// and jdbc:mariadb://"
                    + " URLs of one host are accepted (the source is a MySQL or MariaDB database)");
        }
        if (given.indexOf('%') >= 0) {
            throw new RefusedSourceException("refused source URL " + given
                    + ": percent-encoded characters are not accepted (they could hide an option's name)");
        }
        Matcher m = URL.matcher(given);
        if (!m.matches()) {
            throw new RefusedSourceException(
                    "refused source URL " + given + ": expected jdbc:mysql://host[:port]/database"
                            + "[?option=value&...] with one host name or address, no user or password in it (use"
                            + " --source-user and the JMJOB_IMPORT_SOURCE_PASSWORD environment variable) and no"
                            + " host properties");
        }
        Map<String, String> options = options(given, m.group(5));
        StringBuilder jdbc = new StringBuilder("jdbc:mysql://").append(m.group(2));
        if (m.group(3) != null) {
            jdbc.append(':').append(m.group(3));
        }
        jdbc.append('/').append(m.group(4));
        String separator = "?";
        for (Map.Entry<String, String> option : options.entrySet()) {
            jdbc.append(separator).append(option.getKey()).append('=').append(option.getValue());
            separator = "&";
        }
        return new SourceUrl(jdbc.toString(), given);
    }

    private static Map<String, String> options(String given, String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String reason = DANGEROUS.get(name.toLowerCase(Locale.ROOT));
            if (reason != null) {
                throw new RefusedSourceException("refused source URL " + given + ": option " + name + " " + reason);
            }
            if (!ACCEPTED_OPTIONS.contains(name)) {
                throw new RefusedSourceException("refused source URL " + given + ": option '" + name
                        + "' is not one the import accepts; accepted: "
                        + String.join(", ", new TreeSet<>(ACCEPTED_OPTIONS)));
            }
            if (!VALUE.matcher(value).matches()) {
                throw new RefusedSourceException("refused source URL " + given + ": the value of " + name
                        + " may hold only letters, digits and _ . : / + -");
            }
            if (options.put(name, value) != null) {
                throw new RefusedSourceException(
                        "refused source URL " + given + ": option " + name + " is given twice");
            }
        }
        return options;
    }

    private static Map<String, String> dangerous() {
        String loadsClasses = "makes the driver load and run classes named in the URL";
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("autodeserialize", "makes the driver deserialize objects sent by the server");
        reasons.put("allowloadlocalinfile", "lets the server read files of this machine");
        reasons.put("allowloadlocalinfileinpath", "lets the server read files of this machine");
        reasons.put("allowurlinlocalinfile", "lets the server make this machine fetch URLs");
        for (String option : new String[] {
            "socketFactory",
            "queryInterceptors",
            "statementInterceptors",
            "exceptionInterceptors",
            "connectionLifecycleInterceptors",
            "authenticationPlugins",
            "defaultAuthenticationPlugin",
            "disabledAuthenticationPlugins",
            "propertiesTransform",
            "loadBalanceStrategy",
            "loadBalanceExceptionChecker",
            "clientInfoProvider",
            "connectionPropertiesTransform",
            "ha.loadBalanceStrategy",
            "credentialType",
            "restrictedAuth",
            "codecs"
        }) {
            reasons.put(option.toLowerCase(Locale.ROOT), loadsClasses);
        }
        reasons.put("useconfigs", "makes the driver load configuration files from its class path");
        reasons.put("sessionvariables", "makes the driver run statements at connect time");
        reasons.put("init", "runs a script at connect time");
        reasons.put("initsql", "runs statements at connect time");
        reasons.put("user", "puts a credential in the URL; use --source-user");
        reasons.put(
                "password", "puts a credential in the URL; use the JMJOB_IMPORT_SOURCE_PASSWORD environment variable");
        return Map.copyOf(reasons);
    }
}
