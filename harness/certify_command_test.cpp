// smapi-conform certify / verify, end to end: the built binary, real fixture
// plugins and real ssh-keygen keys.

#include "fixtures/e2e/process.h"
#include "fixtures/e2e/report_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

namespace smapi::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kConform = std::string(SMAPI_BIN_DIR) + "/smapi-conform";
const std::string kGood = std::string(SMAPI_SOURCE_DIR) +
                          "/fixtures/plugins/good/ext4-ng/volume/org.xen.xapi.storage.ext4-ng";
const std::string kDefect = std::string(SMAPI_SOURCE_DIR) +
                            "/fixtures/plugins/defects/query-field-types/volume/org.xen.xapi.storage.ext4-ng";
constexpr const char* kSshKeygen = "/usr/bin/ssh-keygen";

// A key pair and an allowed_signers file naming it for `identity`.
struct Signer {
  std::filesystem::path key, allowed;
  std::string identity;
};

Signer make_signer(const std::filesystem::path& dir, const std::string& identity) {
  Signer signer{dir / ("key-" + identity), dir / ("allowed-" + identity), identity};
  const Finished made = run({kSshKeygen, "-q", "-t", "ed25519", "-N", "", "-C", identity, "-f", signer.key.string()});
  EXPECT_EQ(made.exit_status, 0) << made.err;
  std::ifstream pub(signer.key.string() + ".pub");
  std::string type, blob;
  pub >> type >> blob;
  std::ofstream(signer.allowed) << identity << " namespaces=\"smapi-conform-bundle\" " << type << " " << blob << "\n";
  return signer;
}

// Run flags that keep each harness run short (certify refuses --no-probes).
const std::vector<std::string> kQuickRunFlags{"--repeat", "1", "--concurrency", "1"};

// One vendor key and one certified bundle of the good fixture, shared by the
// tests (each test that changes the bundle works on its own copy).
class Certify : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(fresh_dir("certify"));
    vendor_ = new Signer(make_signer(*dir_, "vendor@example"));
    bundle_ = new std::filesystem::path(*dir_ / "bundle");
  }
  // The certification of the good fixture, made on first use (ctest runs
  // each test in its own process; only the tests that need it pay for it).
  static const Finished& certified() {
    if (!certified_) certified_ = new Finished(certify(kGood, *bundle_));
    return *certified_;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete certified_;
    delete bundle_;
    delete vendor_;
    delete dir_;
  }
  static Finished certify(const std::string& target, const std::filesystem::path& out) {
    std::vector<std::string> argv{kConform, "certify", "--target", target, "--sign-key", vendor_->key.string(),
                                  "--out", out.string()};
    argv.insert(argv.end(), kQuickRunFlags.begin(), kQuickRunFlags.end());
    return run(argv);
  }
  static Finished verify(const std::filesystem::path& bundle, const Signer& signer) {
    return run({kConform, "verify", bundle.string(), "--allowed-signers", signer.allowed.string(), "--identity",
                signer.identity});
  }
  // A copy of the certified bundle to tamper with.
  static std::filesystem::path copy_of_bundle(const std::string& name) {
    const auto copy = *dir_ / name;
    std::filesystem::remove_all(copy);
    std::filesystem::copy(*bundle_, copy);
    return copy;
  }
  static std::filesystem::path* dir_;
  static Signer* vendor_;
  static std::filesystem::path* bundle_;
  static Finished* certified_;
};

std::filesystem::path* Certify::dir_ = nullptr;
Signer* Certify::vendor_ = nullptr;
std::filesystem::path* Certify::bundle_ = nullptr;
Finished* Certify::certified_ = nullptr;

TEST_F(Certify, AGoodPluginGetsABundleThatVerifies) {
  ASSERT_EQ(certified().exit_status, 0) << certified().out << certified().err;
  EXPECT_THAT(certified().out, HasSubstr("bundle: " + bundle_->string()));
  for (const char* name : {"report.json", "report.html", "manifest.json", "manifest.json.sig"})
    EXPECT_TRUE(std::filesystem::is_regular_file(*bundle_ / name)) << name;
  const auto manifest = read_report(*bundle_ / "manifest.json");
  EXPECT_EQ(manifest.at("verdict"), "conformant");
  EXPECT_EQ(manifest.at("query_fingerprint").as_string().size(), 64u);
  EXPECT_EQ(manifest.at("files").as_array().size(), 2u);

  const Finished verified = verify(*bundle_, *vendor_);
  EXPECT_EQ(verified.exit_status, 0) << verified.out << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("signature: good, by vendor@example"));
  EXPECT_THAT(verified.out, HasSubstr("verified: " + bundle_->string()));
}

TEST_F(Certify, ATamperedFileFailsVerification) {
  ASSERT_EQ(certified().exit_status, 0);
  const auto bundle = copy_of_bundle("tampered-file");
  std::ofstream(bundle / "report.html", std::ios::app) << "<!-- edited -->";
  const Finished verified = verify(bundle, *vendor_);
  EXPECT_EQ(verified.exit_status, 1);
  EXPECT_THAT(verified.err, HasSubstr("report.html: sha256 "));
  EXPECT_THAT(verified.err, HasSubstr("(the file was changed)"));
}

TEST_F(Certify, AnEditedManifestBreaksTheSignature) {
  ASSERT_EQ(certified().exit_status, 0);
  const auto bundle = copy_of_bundle("tampered-manifest");
  std::ofstream(bundle / "manifest.json", std::ios::app) << " ";
  const Finished verified = verify(bundle, *vendor_);
  EXPECT_EQ(verified.exit_status, 1);
  EXPECT_THAT(verified.err, HasSubstr("signature: not a good signature by vendor@example"));
}

TEST_F(Certify, AnotherKeyIsNotTrusted) {
  ASSERT_EQ(certified().exit_status, 0);
  const Signer stranger = make_signer(*dir_, "stranger@example");
  const Finished verified = verify(*bundle_, stranger);
  EXPECT_EQ(verified.exit_status, 1);
  EXPECT_THAT(verified.err, HasSubstr("signature: not a good signature by stranger@example"));
}

// A vendor who edits the report to hide a failed MUST and re-signs the
// manifest still does not get past verify: it checks every MUST itself.
TEST_F(Certify, AReSignedBundleWithAFailedMustFailsVerification) {
  ASSERT_EQ(certified().exit_status, 0);
  const auto bundle = copy_of_bundle("resigned");
  auto report = read_report(bundle / "report.json");
  auto& first = report.at("results").as_array().at(0).as_object();
  ASSERT_EQ(first.at("level"), "MUST");
  first["outcome"] = "fail";
  const std::string report_text = boost::json::serialize(report);
  std::ofstream(bundle / "report.json", std::ios::trunc | std::ios::binary) << report_text;
  // Put the new digest into the manifest and sign it again with the vendor's key.
  auto manifest = read_report(bundle / "manifest.json");
  for (auto& file : manifest.at("files").as_array())
    if (file.at("name") == "report.json") {
      const Finished digest = run({"/usr/bin/sha256sum", (bundle / "report.json").string()});
      file.as_object()["sha256"] = digest.out.substr(0, 64);
    }
  std::ofstream(bundle / "manifest.json", std::ios::trunc | std::ios::binary) << boost::json::serialize(manifest);
  std::filesystem::remove(bundle / "manifest.json.sig");
  ASSERT_EQ(run({kSshKeygen, "-Y", "sign", "-f", vendor_->key.string(), "-n", "smapi-conform-bundle",
                 (bundle / "manifest.json").string()}).exit_status, 0);

  const Finished verified = verify(bundle, *vendor_);
  EXPECT_EQ(verified.exit_status, 1);
  EXPECT_THAT(verified.out, HasSubstr("signature: good, by vendor@example"));
  EXPECT_THAT(verified.err, HasSubstr(std::string(first.at("id").as_string()) + " (MUST): outcome \"fail\", not pass"));
  EXPECT_THAT(verified.err, Not(HasSubstr("sha256")));
}

TEST_F(Certify, ANonConformantPluginIsRefusedAndNoBundleIsWritten) {
  const auto bundle = *dir_ / "refused";
  const Finished certified = certify(kDefect, bundle);  // with the quick flags
  EXPECT_EQ(certified.exit_status, 1);
  EXPECT_THAT(certified.err, HasSubstr("refused: the plugin is non-conformant"));
  EXPECT_FALSE(std::filesystem::exists(bundle));
}

TEST_F(Certify, AKeyOthersCanReadIsAUsageError) {
  const Signer loose = make_signer(*dir_, "loose@example");
  ::chmod(loose.key.c_str(), 0644);
  const Finished certified =
      run({kConform, "certify", "--target", kGood, "--sign-key", loose.key.string(), "--out", (*dir_ / "loose").string()});
  EXPECT_EQ(certified.exit_status, 2);
  EXPECT_THAT(certified.err, HasSubstr("is open to other users (mode 0644)"));
  EXPECT_FALSE(std::filesystem::exists(*dir_ / "loose"));
}

TEST_F(Certify, AWaivedMustFailureIsRefused) {
  const auto waivers = *dir_ / "waivers.json";
  std::ofstream(waivers) << R"({"waivers": [{"id": "QUERY-FIELD-TYPES", "reason": "fix pending",)"
                         << R"( "ticket": "T-1", "expires": "2099-12-31"}]})";
  std::vector<std::string> argv{kConform, "certify", "--target", kDefect, "--sign-key", vendor_->key.string(),
                                "--out", (*dir_ / "waived").string(), "--waivers", waivers.string()};
  argv.insert(argv.end(), kQuickRunFlags.begin(), kQuickRunFlags.end());
  const Finished certified = run(argv);
  EXPECT_EQ(certified.exit_status, 1) << certified.out << certified.err;
  EXPECT_THAT(certified.err, HasSubstr("QUERY-FIELD-TYPES (MUST): waived (fail)"));
  EXPECT_FALSE(std::filesystem::exists(*dir_ / "waived"));
}

TEST_F(Certify, WithoutProbesIsAUsageError) {
  const Finished certified = run({kConform, "certify", "--target", kGood, "--sign-key", vendor_->key.string(),
                                  "--out", (*dir_ / "no-probes").string(), "--no-probes"});
  EXPECT_EQ(certified.exit_status, 2);
  EXPECT_THAT(certified.err, HasSubstr("--no-probes is not allowed"));
  EXPECT_FALSE(std::filesystem::exists(*dir_ / "no-probes"));
}

TEST_F(Certify, MissingFlagsAreUsageErrors) {
  EXPECT_EQ(run({kConform, "certify", "--target", kGood, "--out", (*dir_ / "b").string()}).exit_status, 2);
  EXPECT_EQ(run({kConform, "verify", dir_->string()}).exit_status, 2);
  const auto occupied = *dir_ / "occupied";
  std::filesystem::create_directories(occupied);
  std::ofstream(occupied / "file") << "x";
  const Finished certified = run({kConform, "certify", "--target", kGood, "--sign-key", vendor_->key.string(),
                                  "--out", occupied.string()});
  EXPECT_EQ(certified.exit_status, 2);
  EXPECT_THAT(certified.err, HasSubstr("exists and is not empty"));
}

// certify refused --report-dir, so CI got no JUnit or SARIF of the run it signed.
TEST_F(Certify, ReportDirGetsTheSameRunsReports) {
  const auto reports = *dir_ / "ci-reports";
  std::vector<std::string> argv{kConform, "certify", "--target", kGood, "--sign-key", vendor_->key.string(),
                                "--out", (*dir_ / "with-reports").string(), "--report-dir", reports.string(),
                                "--format", "junit,sarif,json"};
  argv.insert(argv.end(), kQuickRunFlags.begin(), kQuickRunFlags.end());
  const Finished certified = run(argv);
  ASSERT_EQ(certified.exit_status, 0) << certified.out << certified.err;
  for (const char* name : {"junit.xml", "report.sarif", "report.json"})
    EXPECT_TRUE(std::filesystem::is_regular_file(reports / name)) << name;
  // The same run: its report.json is the bundle's.
  EXPECT_EQ(read_report(reports / "report.json").at("started_at"),
            read_report(*dir_ / "with-reports" / "report.json").at("started_at"));
}

// A key ssh-keygen cannot sign with was found only after the whole run.
TEST_F(Certify, ASigningKeyThatCannotSignIsRefusedBeforeTheRun) {
  const auto junk = *dir_ / "junk-key";
  std::ofstream(junk) << "not a key\n";
  ::chmod(junk.c_str(), 0600);
  const auto pub = *dir_ / "vendor.pub";
  std::filesystem::copy_file(vendor_->key.string() + ".pub", pub, std::filesystem::copy_options::overwrite_existing);
  ::chmod(pub.c_str(), 0600);
  for (const auto& key : {junk, pub, *dir_ / "absent-key", *dir_}) {
    const Finished certified = run({kConform, "certify", "--target", kGood, "--sign-key", key.string(), "--out",
                                    (*dir_ / "bad-key").string()});
    EXPECT_EQ(certified.exit_status, 2) << key;
    EXPECT_THAT(certified.err, HasSubstr("--sign-key: ")) << key;
    EXPECT_THAT(certified.out, ::testing::IsEmpty()) << key;  // no run, so no summary
    EXPECT_FALSE(std::filesystem::exists(*dir_ / "bad-key"));
  }
  const Finished junk_run = run({kConform, "certify", "--target", kGood, "--sign-key", junk.string(), "--out",
                                 (*dir_ / "bad-key").string()});
  EXPECT_THAT(junk_run.err, HasSubstr("is not a private key ssh-keygen can sign with"));
}

// An edited manifest (the signature fails) had its file names and notes
// printed as if they meant something.
TEST_F(Certify, AFailedSignatureShowsNothingFromTheManifest) {
  ASSERT_EQ(certified().exit_status, 0);
  const auto bundle = copy_of_bundle("forged-manifest");
  auto manifest = read_report(bundle / "manifest.json");
  manifest.at("files").as_array().push_back(
      boost::json::object{{"name", "FORGED-all-good.txt"}, {"sha256", std::string(64, 'a')}, {"bytes", 1}});
  manifest.as_object()["catalogue_version"] = "FORGED-9.9.9";
  std::ofstream(bundle / "manifest.json", std::ios::trunc | std::ios::binary) << boost::json::serialize(manifest);
  const Finished verified = verify(bundle, *vendor_);
  EXPECT_EQ(verified.exit_status, 1);
  EXPECT_THAT(verified.err, HasSubstr("signature: not a good signature by vendor@example"));
  EXPECT_THAT(verified.err, HasSubstr("the manifest is not signed by vendor@example, so nothing it says was checked"));
  EXPECT_THAT(verified.out + verified.err, Not(HasSubstr("FORGED")));
  EXPECT_THAT(verified.out, Not(HasSubstr("note:")));
}

// The README suggests shipping bundles as tars; verify refused them.
TEST_F(Certify, TarAndTarGzBundlesVerify) {
  ASSERT_EQ(certified().exit_status, 0);
  const auto tar = *dir_ / "bundle.tar", tgz = *dir_ / "bundle.tar.gz", pax = *dir_ / "bundle-pax.tgz";
  ASSERT_EQ(run({"/usr/bin/tar", "-C", dir_->string(), "-cf", tar.string(), "bundle"}).exit_status, 0);
  ASSERT_EQ(run({"/usr/bin/tar", "-C", bundle_->string(), "-czf", tgz.string(), "."}).exit_status, 0);
  ASSERT_EQ(run({"/usr/bin/tar", "--format=pax", "-C", dir_->string(), "-czf", pax.string(), "bundle"}).exit_status, 0);
  for (const auto& archive : {tar, tgz, pax}) {
    const Finished verified = verify(archive, *vendor_);
    EXPECT_EQ(verified.exit_status, 0) << archive << verified.out << verified.err;
    EXPECT_THAT(verified.out, HasSubstr("signature: good, by vendor@example"));
    EXPECT_THAT(verified.out, HasSubstr("verified: " + archive.string()));
  }
}

// A tar made by tar(1) holding a link is refused, not followed.
TEST_F(Certify, ATarBundleWithALinkIsRefused) {
  ASSERT_EQ(certified().exit_status, 0);
  const auto bundle = copy_of_bundle("linked");
  std::filesystem::remove(bundle / "report.html");
  std::filesystem::create_symlink("/etc/passwd", bundle / "report.html");
  const auto tar = *dir_ / "linked.tar";
  ASSERT_EQ(run({"/usr/bin/tar", "-C", bundle.string(), "-cf", tar.string(), "."}).exit_status, 0);
  const Finished verified = verify(tar, *vendor_);
  EXPECT_EQ(verified.exit_status, 1);
  EXPECT_THAT(verified.err, HasSubstr(tar.string() + ": refused: \"./report.html\": a symbolic link"));
  // The directory itself: the link is not followed either.
  const Finished directory = verify(bundle, *vendor_);
  EXPECT_EQ(directory.exit_status, 1);
  EXPECT_THAT(directory.err, HasSubstr("\"report.html\": a symbolic link"));
  const Finished missing = verify(*dir_ / "no-such.tar", *vendor_);
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_THAT(missing.err, HasSubstr("is not a bundle directory, .tar or .tar.gz file (it does not exist)"));
}

}  // namespace
}  // namespace smapi::e2e
