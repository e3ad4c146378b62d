// The one list of context modules, in dependency order: a module may use the services of the
// modules above it. Adding a context adds its two lines here (docs/adding-a-context.md).
#include "app/module.hpp"

namespace huanxin::app {

// Each defined in src/app/modules/<context>_module.cpp.
std::unique_ptr<Module> RegisterModule();
std::unique_ptr<Module> CalendarModule();
std::unique_ptr<Module> CatalogueModule();
std::unique_ptr<Module> ConsultationModule();
std::unique_ptr<Module> CheckupModule();
std::unique_ptr<Module> ProjectModule();
std::unique_ptr<Module> ProgrammeModule();
std::unique_ptr<Module> PublicityModule();
std::unique_ptr<Module> ConstructionModule();
std::unique_ptr<Module> ConstructionWorksModule();
std::unique_ptr<Module> SupervisionModule();
std::unique_ptr<Module> TicketModule();
std::unique_ptr<Module> AcceptanceModule();
std::unique_ptr<Module> PortalModule();
std::unique_ptr<Module> StewardshipModule();
std::unique_ptr<Module> EvaluationModule();
std::unique_ptr<Module> AssessmentModule();

std::vector<std::unique_ptr<Module>> ContextModules() {
  std::vector<std::unique_ptr<Module>> m;
  m.push_back(RegisterModule());
  m.push_back(CalendarModule());
  m.push_back(CatalogueModule());
  m.push_back(ConsultationModule());
  m.push_back(CheckupModule());
  m.push_back(ProjectModule());
  m.push_back(ProgrammeModule());
  m.push_back(PublicityModule());
  m.push_back(ConstructionModule());
  m.push_back(ConstructionWorksModule());
  m.push_back(SupervisionModule());
  m.push_back(TicketModule());
  m.push_back(AcceptanceModule());
  m.push_back(PortalModule());
  m.push_back(StewardshipModule());
  m.push_back(EvaluationModule());
  m.push_back(AssessmentModule());
  return m;
}

}  // namespace huanxin::app
