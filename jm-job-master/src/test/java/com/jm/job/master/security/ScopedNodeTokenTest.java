package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Node tokens scoped to groups: a token lets a node register only in the groups it lists (403 and
 * nothing created otherwise), several tokens are valid at once for rotation, {@code *} and the
 * single node-token cover every group.
 */
@SpringBootTest(
        properties = {
            "jm.job.master.security.node-tokens[0].token=" + ScopedNodeTokenTest.BILLING,
            "jm.job.master.security.node-tokens[0].groups=billing,reports",
            "jm.job.master.security.node-tokens[1].token=" + ScopedNodeTokenTest.BILLING_NEXT,
            "jm.job.master.security.node-tokens[1].groups=billing",
            "jm.job.master.security.node-tokens[2].token=" + ScopedNodeTokenTest.EVERYWHERE,
            "jm.job.master.security.node-tokens[2].groups=*"
        })
@AutoConfigureMockMvc
class ScopedNodeTokenTest extends MariaDbTest {

    static final String BILLING = "billing-nodes-0123456789abcdef0123456789";
    static final String BILLING_NEXT = "billing-nodes-next-0123456789abcdef012345";
    static final String EVERYWHERE = "all-groups-0123456789abcdef0123456789abcd";

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        clean();
    }

    @Test
    void aScopedTokenRegistersOnlyInItsGroupsAndARefusalCreatesNothing() throws Exception {
        register(BILLING, "billing", "b1").andExpect(status().isOk());
        register(BILLING, "reports", "r1").andExpect(status().isOk());

        register(BILLING, "payroll", "p1")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("does not cover group 'payroll'")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_group WHERE name = 'payroll'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_node", Long.class))
                .isEqualTo(2);
    }

    @Test
    void twoTokensOfAGroupAreValidAtOnceSoOneCanBeRotated() throws Exception {
        register(BILLING, "billing", "old").andExpect(status().isOk());
        register(BILLING_NEXT, "billing", "new").andExpect(status().isOk());
        register(BILLING_NEXT, "reports", "new").andExpect(status().isForbidden());
    }

    @Test
    void aStarTokenAndTheSingleNodeTokenCoverEveryGroup() throws Exception {
        register(EVERYWHERE, "payroll", "p1").andExpect(status().isOk());
        register(TestSecurity.NODE_TOKEN, "anything", "a1").andExpect(status().isOk());
        register("not-a-token-0123456789abcdef0123456789abc", "billing", "x").andExpect(status().isUnauthorized());
    }

    private ResultActions register(String token, String group, String instance) throws Exception {
        return mvc.perform(post(NodeApi.REGISTER)
                .header(NodeApi.TOKEN_HEADER, token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"group\":\"" + group + "\",\"ip\":\"10.0.0.1\",\"instance\":\"" + instance
                        + "\",\"threads\":1}"));
    }
}
