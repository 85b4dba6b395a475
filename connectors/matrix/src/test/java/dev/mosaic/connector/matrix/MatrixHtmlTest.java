package dev.mosaic.connector.matrix;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatrixHtmlTest {

    @Test
    void markupFromAgentsIsEscapedNotRendered() {
        assertThat(MatrixHtml.render("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    }

    @Test
    void fencesBecomePreCodeWithTheirLanguageAndKeepLineBreaks() {
        assertThat(MatrixHtml.render("out:\n```bash\nls -l\n<none>\n```\nend"))
                .isEqualTo("out:<pre><code class=\"language-bash\">ls -l\n&lt;none&gt;\n</code></pre>end");
    }

    @Test
    void inlineCodeIsLiteralAndBoldOutsideIt() {
        assertThat(MatrixHtml.render("**stop** `**all**`\nnext"))
                .isEqualTo("<strong>stop</strong> <code>**all**</code><br>next");
    }

    @Test
    void anUnclosedFenceIsClosed() {
        assertThat(MatrixHtml.render("```\nx")).isEqualTo("<pre><code>x\n</code></pre>");
    }
}
