package io.netra.bridge.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.ImageReference;
import io.netra.bridge.testing.TestBridges;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  private static final String D = TestBridges.DIGEST;

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "bridge, bridge, -, -",
        "bridge:1.4.2, bridge, 1.4.2, -",
        "netra/bridge:latest, netra/bridge, latest, -",
        "ghcr.io/netra/bridge:1.4.2, ghcr.io/netra/bridge, 1.4.2, -",
        "registry.local:5000/netra/bridge, registry.local:5000/netra/bridge, -, -",
        "registry.local:5000/netra/bridge:v2, registry.local:5000/netra/bridge, v2, -",
        "localhost:5000, localhost, 5000, -",
        "a.b_c__d--e/f:Tag_1.x-y, a.b_c__d--e/f, Tag_1.x-y, -",
      })
  void parsesTags(String image, String repository, String tag, String digest) {
    assertThat(ImageReference.parse(image))
        .hasValue(new ImageReference(repository, tag, digest))
        .get()
        .hasToString(image);
  }

  @ParameterizedTest
  @CsvSource({
    "bridge@, bridge, ''",
    "ghcr.io/netra/bridge@, ghcr.io/netra/bridge, ''",
    "registry.local:5000/netra/bridge@, registry.local:5000/netra/bridge, ''",
    "ghcr.io/netra/bridge:1.4.2@, ghcr.io/netra/bridge, 1.4.2",
    "registry.local:5000/bridge:v2@, registry.local:5000/bridge, v2",
  })
  void parsesDigestsWithAndWithoutTag(String prefix, String repository, String tag) {
    String image = prefix + D;

    ImageReference ref = ImageReference.parse(image).orElseThrow();

    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag.isEmpty() ? null : tag);
    assertThat(ref.digest()).isEqualTo(D);
    assertThat(ref).hasToString(image);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "Bridge",
        "netra/Bridge:1",
        "bridge:",
        "bridge:-tag",
        "bridge@sha256:abc",
        "bridge@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
        "bridge@md5:0123456789abcdef0123456789abcdef",
        "/bridge",
        "bridge/",
        "bridge//x",
        "bridge:1 ",
        "bridge:1:2",
        "-bridge",
        "bridge_",
        "host:port/bridge",
      })
  void rejectsInvalidReferences(String image) {
    assertThat(ImageReference.parse(image)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void rejectsReferencesLongerThan512() {
    assertThat(ImageReference.parse("a".repeat(512))).isPresent();
    assertThat(ImageReference.parse("a".repeat(513))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "bridge, bridge@",
    "ghcr.io/netra/bridge:1.4.2, ghcr.io/netra/bridge@",
    "registry.local:5000/bridge:v2, registry.local:5000/bridge@",
    "registry.local:5000/bridge, registry.local:5000/bridge@",
  })
  void pinsByDigestAndDropsTheTag(String image, String pinnedPrefix) {
    assertThat(ImageReference.parse(image).orElseThrow().pinned(D)).isEqualTo(pinnedPrefix + D);
  }

  @org.junit.jupiter.api.Test
  void pinningReplacesAnExistingDigest() {
    String image = "ghcr.io/netra/bridge:1.4.2@" + TestBridges.OTHER_DIGEST;

    assertThat(ImageReference.parse(image).orElseThrow().pinned(D))
        .isEqualTo("ghcr.io/netra/bridge@" + D);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "docker-pullable://ghcr.io/netra/bridge@DIGEST, DIGEST",
        "ghcr.io/netra/bridge@DIGEST, DIGEST",
        "DIGEST, DIGEST",
        "docker://DIGEST, DIGEST",
        "DIGEST-suffix, -",
        "docker://sha256:abc, -",
        "'', -",
        "-, -",
      })
  void readsTheDigestOfAnImageId(String imageId, String digest) {
    String id = imageId == null ? null : imageId.replace("DIGEST", D);
    String expected = digest == null ? null : D;

    assertThat(ImageReference.digestOfImageId(id).orElse(null)).isEqualTo(expected);
  }
}
