// scripts/convert-hershel: its family/device rule table, label cleaning and
// licence notice, run on a small fixture and read back with the loader.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <unistd.h>

#include "test_support.h"
#include "zeroscan/fingerprint/database.h"

namespace zeroscan::fingerprint {
namespace {

struct LabelCase {
  const char* raw_label;  // as in 420OS_mapping.txt (Latin-1)
  const char* label;      // as written to the database
  Family family;
  DeviceClass device;
};

const LabelCase kCases[] = {
    {"Windows 7 / 2008 R2", "Windows 7 / 2008 R2", Family::Windows, DeviceClass::GeneralPurpose},
    {"Ubuntu / Debian", "Ubuntu / Debian", Family::Linux, DeviceClass::GeneralPurpose},
    {"Embedded Linux", "Embedded Linux", Family::Linux, DeviceClass::Embedded},
    {"FreeBSD", "FreeBSD", Family::Bsd, DeviceClass::GeneralPurpose},
    {"Mac OSX Server", "Mac OSX Server", Family::MacOs, DeviceClass::Server},
    {"Solaris 9 / Solaris 10", "Solaris 9 / Solaris 10", Family::Solaris,
     DeviceClass::GeneralPurpose},
    {"Unix", "Unix", Family::Unix, DeviceClass::GeneralPurpose},
    {"OpenVMS", "OpenVMS", Family::Other, DeviceClass::GeneralPurpose},
    {"Cisco IOS", "Cisco IOS", Family::CiscoIos, DeviceClass::Router},
    {"Cisco IP Phone CP-6921 ", "Cisco IP Phone CP-6921", Family::Embedded, DeviceClass::Phone},
    {"Juniper MX240 Router", "Juniper MX240 Router", Family::Bsd, DeviceClass::Router},
    {"Dell Switch", "Dell Switch", Family::NetworkOs, DeviceClass::Switch},
    {"Dell 2162DS KVM Switch ", "Dell 2162DS KVM Switch", Family::Embedded,
     DeviceClass::Management},
    {"SonicWALL", "SonicWALL", Family::NetworkOs, DeviceClass::Firewall},
    {"F5 Big IP", "F5 Big IP", Family::Linux, DeviceClass::LoadBalancer},
    {"Citrix Netscaler", "Citrix Netscaler", Family::Bsd, DeviceClass::LoadBalancer},
    {"Dell Kace K1000", "Dell Kace K1000", Family::Bsd, DeviceClass::Server},
    {"VMWare ESXi", "VMWare ESXi", Family::Bsd, DeviceClass::Server},
    {"HP LaserJet Series / Brother MFC Printers", "HP LaserJet Series / Brother MFC Printers",
     Family::Embedded, DeviceClass::Printer},
    {"Canon MF4500 Series", "Canon MF4500 Series", Family::Embedded, DeviceClass::Printer},
    {"Dell Laser Printers / Lexmark Printers", "Dell Laser Printers / Lexmark Printers",
     Family::Embedded, DeviceClass::Printer},
    {"Panasonic Network Camera / HP Proliant ILO Server",
     "Panasonic Network Camera / HP Proliant ILO Server", Family::Embedded, DeviceClass::Camera},
    {"HP Proliant iLO Server", "HP Proliant iLO Server", Family::Embedded,
     DeviceClass::Management},
    {"APC Embedded", "APC Embedded", Family::Embedded, DeviceClass::Power},
    {"Schneider TAC Xenta 527-NPR Security Router", "Schneider TAC Xenta 527-NPR Security Router",
     Family::Embedded, DeviceClass::Controller},
    {"Synology DiskStation", "Synology DiskStation", Family::Linux, DeviceClass::Storage},
    {"Polycom VSX7000e", "Polycom VSX7000e", Family::Embedded, DeviceClass::Video},
    {"MOXA\xa0NE-4100T", "MOXA NE-4100T", Family::Embedded, DeviceClass::Management},
    {"Hickman ITV 450D", "Hickman ITV 450D", Family::Embedded, DeviceClass::Unknown},
};

// Runs the converter once per suite over a fixture holding one class per case.
class ConverterRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                           ("zeroscan-convert-" + std::to_string(::getpid())));
    std::filesystem::create_directories(*directory_);
    std::ofstream mapping(*directory_ / "420OS_mapping.txt", std::ios::binary);
    std::ofstream rows(*directory_ / "420OS_db.txt", std::ios::binary);
    mapping << "ID,Label\r\n";
    for (std::size_t i = 0; i < std::size(kCases); ++i) {
      mapping << i << "," << kCases[i].raw_label << "\r\n";
      rows << i << ",8192,128,1,MNWST,7331,1460,0,0,0,0,0,3.0,9.0\n";
      rows << i << ",8192,128,1,MNWST,7331,1460,0,0,0,0,0,3.2,9.4\n";
    }
    // Two anonymous classes: one the first case's stack seen again (same
    // SYN-ACK, same timeouts), one like nothing named.
    mapping << "900,device900\r\n" << "901,device901\r\n";
    rows << "900,8192,128,1,MNWST,7331,1460,0,0,0,0,0,3.1,9.2\n";
    rows << "901,4096,255,0,M,2,536,0,0,0,0,0,1.0\n";
    // A class labelled just "Unix" that retransmits like one named lineage
    // only (Solaris here), unlike every case above.
    mapping << "902,Solaris 99\r\n" << "903,UNIX\r\n";
    rows << "902,49232,64,1,NNTMNWNNS,7331,1460,0,0,0,0,0,1.135,2.27,4.52\n";
    rows << "903,64436,64,1,STMNW,7331,1460,0,0,0,0,0,1.14,2.27,4.52\n";
    mapping.close();
    rows.close();
    output_ = new std::string((*directory_ / "out.txt").string());
    const std::string command = "python3 " + testing::source_path("scripts/convert-hershel") +
                                " --data " + directory_->string() + " --output " + *output_ +
                                " 2>" + (*directory_ / "stderr.txt").string();
    exit_status_ = std::system(command.c_str());
  }

  static void TearDownTestSuite() {
    std::filesystem::remove_all(*directory_);
    delete directory_;
    delete output_;
  }

  static std::filesystem::path* directory_;
  static std::string* output_;
  static int exit_status_;
};

std::filesystem::path* ConverterRun::directory_ = nullptr;
std::string* ConverterRun::output_ = nullptr;
int ConverterRun::exit_status_ = -1;

class ConvertHershelTest : public ConverterRun, public ::testing::WithParamInterface<LabelCase> {};
class ConvertHershelOutputTest : public ConverterRun {};

TEST_P(ConvertHershelTest, DerivesFamilyAndDeviceFromTheLabel) {
  ASSERT_EQ(exit_status_, 0) << "convert-hershel failed";
  const Database database = load_database(*output_);
  const LabelCase& c = GetParam();
  const auto entry = std::find_if(database.entries.begin(), database.entries.end(),
                                  [&](const Entry& e) { return e.label == c.label; });
  ASSERT_NE(entry, database.entries.end()) << "no entry labelled '" << c.label << "'";
  EXPECT_EQ(to_string(entry->family), to_string(c.family)) << c.label;
  EXPECT_EQ(to_string(entry->device), to_string(c.device)) << c.label;
  EXPECT_EQ(entry->samples, 2);
  ASSERT_TRUE(entry->retransmissions.gaps);
  EXPECT_NEAR((*entry->retransmissions.gaps)[1].mean_s, 6.1, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Labels, ConvertHershelTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return "Label" + std::to_string(info.index); });

TEST_F(ConvertHershelOutputTest, MergesAnAnonymousDuplicateAndLeavesOutTheRest) {
  ASSERT_EQ(exit_status_, 0) << "convert-hershel failed";
  const Database database = load_database(*output_);
  std::map<std::string, const Entry*> by_id;
  for (const Entry& entry : database.entries) by_id[entry.id] = &entry;
  ASSERT_TRUE(by_id.count("hershel-900")) << "the duplicate of a named stack is kept";
  EXPECT_EQ(by_id["hershel-900"]->label, kCases[0].label);
  EXPECT_EQ(by_id["hershel-900"]->family, kCases[0].family);
  EXPECT_FALSE(by_id.count("hershel-901")) << "an anonymous stack like nothing named is left out";
  for (const Entry& entry : database.entries) EXPECT_NE(entry.label.rfind("device", 0), 0u);
}

TEST_F(ConvertHershelOutputTest, AGenericUnixTakesTheOneLineageThatRetransmitsAlike) {
  ASSERT_EQ(exit_status_, 0) << "convert-hershel failed";
  const Database database = load_database(*output_);
  std::map<std::string, const Entry*> by_id;
  for (const Entry& entry : database.entries) by_id[entry.id] = &entry;
  ASSERT_TRUE(by_id.count("hershel-903"));
  EXPECT_EQ(by_id["hershel-903"]->label, "UNIX") << "the label stays what Hershel+ says";
  EXPECT_EQ(by_id["hershel-903"]->family, Family::Solaris);
  // The "Unix" case retransmits like every other case, of many lineages:
  // nothing to decide by, so it stays Unix (checked by the Label cases).
}

TEST_F(ConvertHershelOutputTest, KeepsTheLicenceNoticeAndNamesUnruledLabels) {
  ASSERT_EQ(exit_status_, 0) << "convert-hershel failed";
  const std::string text = testing::read_text(*output_);
  EXPECT_EQ(text.rfind("# Hershel+ network stacks, converted by scripts/convert-hershel", 0), 0u);
  EXPECT_NE(text.find("# Copyright © 2017 IRL at Texas A&M University"), std::string::npos);
  EXPECT_NE(text.find("# THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS"),
            std::string::npos);
  const std::string warnings = testing::read_text((*directory_ / "stderr.txt").string());
  EXPECT_NE(warnings.find("no family rule for 'Hickman ITV 450D'"), std::string::npos) << warnings;
  EXPECT_EQ(warnings.find("no family rule for 'Cisco IOS'"), std::string::npos) << warnings;
}

}  // namespace
}  // namespace zeroscan::fingerprint
