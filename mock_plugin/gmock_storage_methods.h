#pragma once
// The storage methods a MockPlugin (gmock_plugin.h) mocks, in the IDL's
// order: xen-api ocaml/xapi-storage/generator/lib/control.ml (SR, Volume)
// and data.ml (Datapath, Data). One list so that the MOCK_METHODs and the
// table routing a wire name to them cannot drift apart; a test checks it
// against storage::Storage::methods().
//
// SMAPI_MOCK_STORAGE_METHODS(X) calls X(Interface, method) for each: the
// wire name is "Interface.method", the MockPlugin method Interface_method
// (SR_create, Volume_snapshot, Datapath_attach, Data_copy, ...).

// clang-format off
#define SMAPI_MOCK_STORAGE_METHODS(X)                                                   \
  X(SR, probe) X(SR, create) X(SR, attach) X(SR, detach) X(SR, destroy) X(SR, stat)     \
  X(SR, set_name) X(SR, set_description) X(SR, ls)                                      \
  X(Volume, create) X(Volume, snapshot) X(Volume, clone) X(Volume, copy)                \
  X(Volume, destroy) X(Volume, revert) X(Volume, set_name) X(Volume, set_description)   \
  X(Volume, set) X(Volume, unset) X(Volume, resize) X(Volume, stat) X(Volume, compare)  \
  X(Volume, similar_content) X(Volume, enable_cbt) X(Volume, disable_cbt)               \
  X(Volume, data_destroy) X(Volume, list_changed_blocks) X(Volume, compose)             \
  X(Datapath, open) X(Datapath, attach) X(Datapath, activate)                           \
  X(Datapath, activate_readonly) X(Datapath, import_activate) X(Datapath, deactivate)   \
  X(Datapath, detach) X(Datapath, close)                                                \
  X(Data, copy) X(Data, mirror) X(Data, stat) X(Data, cancel) X(Data, destroy) X(Data, ls)
// clang-format on
