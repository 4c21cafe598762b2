export function DemoBanner() {
  return (
    <div className="bg-amber-100 px-4 py-1.5 text-center text-xs font-medium text-amber-900">
      Demo mode: Microsoft Entra ID and Graph are served by the local emulator. No real tenant is touched.
    </div>
  );
}
